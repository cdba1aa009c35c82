#!/usr/bin/env bash
# gpu-check.sh: build Modalscope's model tests and CLI against pip LibTorch (CUDA) on the
# GPU machine, from Debian 12 packages carried in a folder, and train on CUDA.
#
#   bash scripts/gpu-check.sh CARRY_DIR      (run from the repository root)
#
# The project's copy of ../shared/gpu/gpu-check.sh (fill CARRY_DIR with that kit's
# prepare.sh). Changed here: the model tests of today's tree (tst_trainingworker became
# tst_trainingjob; tst_weightarchive and tst_explainer added), the device line a run records
# now ("cuda:0 (NAME), LibTorch ..."), and the GPU figures the issue asks for: train with
# --amp bf16 beside float32, explain --device cuda, bench train --device cuda (the PyTorch
# loop on the same GPU) and bench explain --device cuda.
#
# CARRY_DIR (default: the folder this script is in) holds
#   debs/*.deb              Debian 12 packages (Qt 6.4, FFmpeg 5.1, SQLite, pkgconf, GLVND)
#   stubs.tar.gz            do-nothing stand-ins for FFmpeg's codec/network libraries
#   ObyGaze12_thresh_02.csv the ObyGaze12 table (else $MS_OBYGAZE_CSV or shared/datasets/...)
# Every step prints "=== STEP n: ..." and "--- ok (Ns)"; the first failure prints
# "!!! FAILED at STEP n (...): reason" and exits non-zero. Logs: /tmp/msgpu/logs, and
# $OUT/msgpu-logs.tar.gz where $OUT is set.
# Budget: 8 minutes in all (each step gets what is left of it).
#
# Test hooks (not needed on the GPU machine): MS_TORCH_CMAKE_DIR (a LibTorch CMake prefix
# instead of pip torch's), MS_NO_CUDA=1 (skip the CUDA checks: a CPU-only dry run),
# MS_JOBS (default 16), MS_BUDGET_S (default 480), MS_REUSE=1 (a second run on the same
# warm machine: keep the unpacked prefix and the configured build, rebuild incrementally).
set -u -o pipefail

SECONDS=0
BUDGET=${MS_BUDGET_S:-480}
JOBS=${MS_JOBS:-16}
ROOT=$(pwd)
CARRY=$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")}" && pwd)
WORK=/tmp/msgpu
P=$WORK/prefix
BUILD=$WORK/build
LOGS=$WORK/logs
rm -rf "$LOGS"; mkdir -p "$WORK" "$LOGS"
# $OUT, when set (a folder copied back from the machine), gets one archive of the logs, whatever happens
[ -n "${OUT:-}" ] && trap 'tar -czf "$OUT/msgpu-logs.tar.gz" -C "$WORK" logs 2>/dev/null' EXIT
STEP=0; STEP_NAME=""; STEP_T0=0

step() { STEP=$((STEP + 1)); STEP_NAME="$*"; STEP_T0=$SECONDS
         echo; echo "=== STEP $STEP: $* (t=${SECONDS}s)"; }
ok()   { echo "--- ok STEP $STEP ($((SECONDS - STEP_T0))s)${1:+: $1}"; }
fail() { echo "!!! FAILED at STEP $STEP ($STEP_NAME) after ${SECONDS}s: $*"; exit 1; }
# run_logged NAME CMD...: run under the remaining budget, output to $LOGS/NAME.log;
# on failure the log's last 60 lines are shown.
run_logged() { local name=$1; shift; local t=$((BUDGET - SECONDS))
  [ "$t" -gt 5 ] || fail "the time budget of ${BUDGET}s is spent before $name"
  timeout --kill-after=5 "$t" "$@" > "$LOGS/$name.log" 2>&1; local rc=$?
  if [ $rc -ne 0 ]; then echo "----- last lines of $LOGS/$name.log:"; tail -n 60 "$LOGS/$name.log"
    [ $rc -eq 124 ] && fail "$name ran out of time (${t}s left)"; fail "$name exited with $rc"; fi; }

# ---------------------------------------------------------------------------------------
step "machine and tools"
echo "repo: $ROOT   carry: $CARRY   work: $WORK   logs: $LOGS"
[ -f "$ROOT/CMakeLists.txt" ] && [ -d "$ROOT/models" ] || fail "run me from the repository root"
uname -m; (ldd --version | head -1) || true; nproc
[ -n "${MS_NO_CUDA:-}" ] || { nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader \
  || fail "nvidia-smi does not answer"; }
for t in cmake ninja g++ gcc ld; do printf '%-6s %s\n' "$t" "$(command -v $t || echo MISSING)"; done
command -v g++ >/dev/null || fail "no g++ on this machine (the carry holds no compiler)"
command -v cmake >/dev/null || fail "no cmake"; command -v ninja >/dev/null || fail "no ninja"
g++ --version | head -1; cmake --version | head -1; ninja --version
PY=""
for c in /opt/torch/.venv/bin/python3 python3; do
  if command -v "$c" >/dev/null && "$c" -c 'import torch' 2>/dev/null; then PY=$(command -v "$c"); break; fi
done
if [ -n "${MS_TORCH_CMAKE_DIR:-}" ]; then TORCH_PREFIX=$MS_TORCH_CMAKE_DIR
else
  [ -n "$PY" ] || fail "no python3 with torch"
  TORCH_PREFIX=$("$PY" -c 'import torch; print(torch.utils.cmake_prefix_path)') || fail "torch.utils.cmake_prefix_path"
  "$PY" -c 'import torch; print("python torch", torch.__version__, "cuda", torch.version.cuda,
  "available", torch.cuda.is_available(), "cxx11abi", torch._C._GLIBCXX_USE_CXX11_ABI)'
fi
echo "torch cmake prefix: $TORCH_PREFIX"
NVCC=""
if [ -z "${MS_NO_CUDA:-}" ]; then
  NVCC=$(command -v nvcc || ls /usr/local/cuda/bin/nvcc 2>/dev/null || true)
  if [ -z "$NVCC" ] && [ -n "$PY" ]; then   # nvcc from NVIDIA's pip wheels?
    NVCC=$("$PY" - <<'PYEOF' 2>/dev/null
import glob, os, sys
for base in sys.path:
    for c in glob.glob(os.path.join(base, 'nvidia', '*', 'bin', 'nvcc')) + glob.glob(os.path.join(base, 'nvidia', 'cuda_nvcc', 'bin', 'nvcc')):
        print(c); raise SystemExit
PYEOF
)
  fi
  [ -n "$NVCC" ] || fail "no nvcc: pip LibTorch's CMake config enables the CUDA language"
  "$NVCC" --version | tail -2
  CUDA_ROOT=$(cd "$(dirname "$NVCC")/.." && pwd)
  echo "CUDA toolkit root: $CUDA_ROOT"; ls "$CUDA_ROOT"/include/cuda.h "$CUDA_ROOT"/include/nvtx3 -d 2>&1 | head -2
  ls "$CUDA_ROOT"/lib64/libcudart.so* "$CUDA_ROOT"/lib/libcudart.so* "$CUDA_ROOT"/targets/x86_64-linux/lib/libcudart.so* 2>/dev/null | head -3
  echo "torch libs: $(ls "$TORCH_PREFIX"/../../lib 2>/dev/null | grep -E '^lib(torch|c10)' | tr '\n' ' ')"
fi
ok

# ---------------------------------------------------------------------------------------
step "unpack the carried Debian packages into $P"
LIBDIRS="$P/usr/lib/x86_64-linux-gnu:$P/lib/x86_64-linux-gnu"
if [ -n "${MS_REUSE:-}" ] && [ -f "$P/.unpacked" ]; then ok "reused"; else
ls "$CARRY"/debs/*.deb >/dev/null 2>&1 || fail "no $CARRY/debs/*.deb"
rm -rf "$P"; mkdir -p "$P"
n=0
for d in "$CARRY"/debs/*.deb; do
  if command -v dpkg-deb >/dev/null; then dpkg-deb -x "$d" "$P" || fail "dpkg-deb -x $d"
  else # ar + tar when dpkg is missing
    m=$(ar t "$d" | grep '^data\.tar') || fail "no data.tar in $d"
    case $m in *.xz) f=-J;; *.zst) f=--zstd;; *.gz) f=-z;; *) f=;; esac
    ar p "$d" "$m" | tar -x $f -C "$P" -f - || fail "unpacking $d"
  fi
  n=$((n + 1))
done
if [ -f "$CARRY/stubs.tar.gz" ]; then mkdir -p "$P/stubs"; tar -xzf "$CARRY/stubs.tar.gz" -C "$P/stubs" || fail "stubs.tar.gz"; fi
# A library this machine already has (same soname) is set aside, so that its own newer copy
# is used, unless the carried headers or CMake files name it (Qt, FFmpeg, SQLite, GL, ICU...).
mkdir -p "$P/shadowed"; moved=""; have=$(ldconfig -p | sed -n 's/^[[:space:]]*\([^ ]*\) (libc6,x86-64.*/\1/p')
keep='^lib(Qt6|av|sw|icu|sqlite3|pkgconf|OpenGL|GLX|GL\.|GLdispatch|EGL|double-conversion|b2|md4c)'
for f in "$P"/usr/lib/x86_64-linux-gnu/*.so.* "$P"/lib/x86_64-linux-gnu/*.so.* "$P"/stubs/*.so*; do
  [ -f "$f" ] && [ ! -L "$f" ] || continue
  so=$(readelf -d "$f" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p'); [ -n "$so" ] || continue
  case $f in "$P"/stubs/*) ;; *) [[ $so =~ $keep ]] && continue;; esac
  if grep -qxF "$so" <<<"$have"; then
    for l in "$(dirname "$f")/$so" "$f"; do [ -e "$l" ] && mv -f "$l" "$P/shadowed/" 2>/dev/null; done
    moved="$moved $so"
  fi
done
echo "unpacked $n packages ($(du -sh "$P" | cut -f1)); this machine's own copy used for:${moved:- none}"
# pkg-config: the carried pkgconf, reading only the carried .pc files, paths put under $P
mkdir -p "$P/bin"
cat > "$P/bin/pkg-config" <<EOF
#!/bin/sh
export PKG_CONFIG_LIBDIR="$P/usr/lib/x86_64-linux-gnu/pkgconfig:$P/usr/share/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$P" PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 PKG_CONFIG_ALLOW_SYSTEM_LIBS=1
export LD_LIBRARY_PATH="$LIBDIRS\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
exec "$P/usr/bin/pkgconf" "\$@"
EOF
chmod +x "$P/bin/pkg-config"
"$P/bin/pkg-config" --cflags --libs libavformat libavcodec libavutil libswresample libswscale \
  || fail "the carried pkgconf cannot resolve FFmpeg's .pc files"
touch "$P/.unpacked"
ok
fi

# ---------------------------------------------------------------------------------------
step "configure (CMake, Ninja, Release)"
RUNLIBS="$LIBDIRS:$P/stubs"
CUDA_ARGS=()
if [ -n "$NVCC" ]; then
  export TORCH_CUDA_ARCH_LIST=${TORCH_CUDA_ARCH_LIST:-9.0}
  CUDA_ARGS=(-DCMAKE_CUDA_COMPILER="$NVCC" -DCMAKE_CUDA_ARCHITECTURES=90 -DCUDAToolkit_ROOT="$CUDA_ROOT")
  # FindCUDAToolkit wants the unversioned dev names (libcudart.so...). Where a toolkit (such as
  # NVIDIA's pip wheels) ships only libX.so.N, point CMake at a private link to it.
  SHIM=$WORK/cudashim; rm -rf "$SHIM"; mkdir -p "$SHIM"
  for x in cudart nvrtc cublas cublasLt cufft curand cusolver cusparse nvJitLink cupti; do
    found=$(ls "$CUDA_ROOT"/lib64/lib$x.so "$CUDA_ROOT"/lib/lib$x.so "$CUDA_ROOT"/targets/x86_64-linux/lib/lib$x.so 2>/dev/null | head -1)
    [ -n "$found" ] && continue
    real=$(ls "$CUDA_ROOT"/lib64/lib$x.so.* "$CUDA_ROOT"/lib/lib$x.so.* "$CUDA_ROOT"/targets/x86_64-linux/lib/lib$x.so.* \
             "$TORCH_PREFIX"/../../../nvidia/*/lib/lib$x.so.* 2>/dev/null | head -1)
    [ -n "$real" ] || continue
    ln -sf "$real" "$SHIM/lib$x.so"; CUDA_ARGS+=(-DCUDA_${x}_LIBRARY="$SHIM/lib$x.so"); echo "cuda shim: lib$x.so -> $real"
  done
  if ! ls "$CUDA_ROOT"/lib64/stubs/libcuda.so "$CUDA_ROOT"/lib/stubs/libcuda.so "$CUDA_ROOT"/targets/x86_64-linux/lib/stubs/libcuda.so >/dev/null 2>&1; then
    drv=$(ldconfig -p | sed -n 's/.*libcuda\.so\.1 (libc6,x86-64) => //p' | head -1)
    [ -n "$drv" ] && { ln -sf "$drv" "$SHIM/libcuda.so"; CUDA_ARGS+=(-DCUDA_cuda_driver_LIBRARY="$SHIM/libcuda.so"); echo "cuda shim: libcuda.so -> $drv"; }
  fi
fi
[ -n "$PY" ] && CUDA_ARGS+=(-DPython_EXECUTABLE="$PY" -DPYTHON_EXECUTABLE="$PY")
A=x86_64-linux-gnu
if [ -n "${MS_REUSE:-}" ] && [ -f "$BUILD/build.ninja" ]; then ok "reused"; else
rm -rf "$BUILD"
run_logged configure env CMAKE_POLICY_VERSION_MINIMUM=3.5 cmake -S "$ROOT" -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$TORCH_PREFIX;$P/usr" \
  -DCMAKE_LIBRARY_ARCHITECTURE=$A \
  -DQt6_DIR="$P/usr/lib/$A/cmake/Qt6" \
  -DPKG_CONFIG_EXECUTABLE="$P/bin/pkg-config" \
  -DSQLite3_INCLUDE_DIR="$P/usr/include" -DSQLite3_LIBRARY="$P/usr/lib/$A/libsqlite3.so" \
  -DOPENGL_INCLUDE_DIR="$P/usr/include" \
  -DOPENGL_opengl_LIBRARY="$P/usr/lib/$A/libOpenGL.so" -DOPENGL_glx_LIBRARY="$P/usr/lib/$A/libGLX.so" \
  -DCMAKE_CXX_COMPILER_LAUNCHER= \
  -DCMAKE_EXE_LINKER_FLAGS="-Wl,-rpath-link,$RUNLIBS -Wl,--allow-shlib-undefined" \
  "${CUDA_ARGS[@]}"
grep -E 'Found Torch|CUDA detected|Caffe2: CUDA|PyTorch: CUDA|nvcc is|Found OpenMP|Found SQLite|Found PkgConfig|checking for modules|Found OpenGL|Qt6|CUDA compiler identification' \
  "$LOGS/configure.log" | head -20
grep -q 'Build files have been written' "$LOGS/configure.log" || fail "no build files written"
ok
fi

# ---------------------------------------------------------------------------------------
step "build tst_perceivernet tst_trainer tst_trainingjob tst_weightarchive tst_explainer modalscope-cli (ninja -j$JOBS)"
# rcc and moc are Debian's binaries: they load the carried Qt and ICU
run_logged build env LD_LIBRARY_PATH="$RUNLIBS" ninja -C "$BUILD" -j"$JOBS" \
  tst_perceivernet tst_trainer tst_trainingjob tst_weightarchive tst_explainer modalscope-cli
grep -c -E 'warning:' "$LOGS/build.log" | sed 's/^/compiler warnings: /'
ok

# ---------------------------------------------------------------------------------------
step "every shared library resolves"
export LD_LIBRARY_PATH="$RUNLIBS"
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='*.debug=false'
CLI="$BUILD/app/modalscope-cli"
for b in "$BUILD"/tests/tst_perceivernet "$BUILD"/tests/tst_trainer "$BUILD"/tests/tst_trainingjob "$CLI"; do
  [ -x "$b" ] || fail "$b was not built"
  missing=$(ldd "$b" | grep 'not found' | sort -u)
  [ -z "$missing" ] || fail "$(basename "$b") misses: $missing"
  printf '%-20s torch: %s\n' "$(basename "$b")" "$(ldd "$b" | grep -o -E 'libtorch_cuda[^ ]*|libc10_cuda[^ ]*' | sort -u | tr '\n' ' ')"
done
if [ -z "${MS_NO_CUDA:-}" ]; then
  ldd "$CLI" | grep -q libtorch_cuda || fail "modalscope-cli does not load libtorch_cuda.so (linked --as-needed away?): torch::cuda::is_available() would be false"
fi
ok

# ---------------------------------------------------------------------------------------
for t in tst_perceivernet tst_trainer tst_trainingjob tst_weightarchive tst_explainer; do
  step "$t"
  timeout 120 "$BUILD/tests/$t" > "$LOGS/$t.log" 2>&1; rc=$?
  grep -E '^(Totals|FAIL|PASS.*deviceChoice|SKIP)' "$LOGS/$t.log" | head -12
  [ $rc = 0 ] || { echo "!!! $t exited $rc (going on)"; tail -n 6 "$LOGS/$t.log"; }
  ok
done

# ---------------------------------------------------------------------------------------
step "modalscope-cli: a project with the ObyGaze12 table and synthetic paper-sized features"
CSV=${MS_OBYGAZE_CSV:-}
for c in "$CSV" "$CARRY/ObyGaze12_thresh_02.csv" "$ROOT/shared/datasets/obygaze12/ObyGaze12_thresh_02.csv" \
         "$ROOT/../shared/datasets/obygaze12/ObyGaze12_thresh_02.csv"; do [ -n "$c" ] && [ -f "$c" ] && { CSV=$c; break; }; done
[ -f "$CSV" ] || fail "ObyGaze12_thresh_02.csv not found (carry it, or set MS_OBYGAZE_CSV)"
DB=$WORK/gpu.msproj; rm -f "$DB"*
run_logged cli-init "$CLI" init --db "$DB"
run_logged cli-import "$CLI" import-annotations --db "$DB" --format obygaze --csv "$CSV"
run_logged cli-synth "$CLI" synth-features --db "$DB" --seed 1 --dims 512,768,768
tail -n 2 "$LOGS/cli-import.log"; head -n 1 "$LOGS/cli-synth.log"
ok

if [ -z "${MS_NO_CUDA:-}" ]; then
  step "modalscope-cli train --device cuda: V, paper-sized model, fold 0, 5 epochs"
  run_logged cli-train-cuda-v "$CLI" train --db "$DB" --modalities V --fold 0 --epochs 5 --patience 5 --device cuda
  cat "$LOGS/cli-train-cuda-v.log"
  grep -q -E 'cuda:[0-9]+ .*LibTorch' "$LOGS/cli-train-cuda-v.log" || fail "the run was not recorded as a CUDA run"
  grep -q -E 'fold 0: test on .*AUC-PR [0-9.]+' "$LOGS/cli-train-cuda-v.log" || fail "no test AUC-PR"
  ok
  step "modalscope-cli train --device cuda: AV early fusion (two inputs), fold 0, 3 epochs"
  run_logged cli-train-cuda-av "$CLI" train --db "$DB" --modalities AV --fusion early --fold 0 --epochs 3 --patience 3 --device cuda
  cat "$LOGS/cli-train-cuda-av.log"
  grep -q -E 'cuda:[0-9]+ .*LibTorch' "$LOGS/cli-train-cuda-av.log" || fail "the run was not recorded as a CUDA run"
  ok
  step "modalscope-cli train --device cuda --amp bf16: V, fold 0, 5 epochs (AUC-PR against float32 above)"
  run_logged cli-train-cuda-bf16 "$CLI" train --db "$DB" --modalities V --fold 0 --epochs 5 --patience 5 --device cuda --amp bf16
  cat "$LOGS/cli-train-cuda-bf16.log"
  ok
fi

step "explain the CUDA-trained V run (inference reloads the weights)"
timeout 120 "$CLI" explain --db "$DB" --run 1 --out "$WORK/e1.csv" > "$LOGS/cli-explain.log" 2>&1; echo "explain rc=$?"; tail -n 8 "$LOGS/cli-explain.log"
if [ -z "${MS_NO_CUDA:-}" ]; then
  timeout 120 "$CLI" explain --db "$DB" --run 1 --device cuda --out "$WORK/e1-cuda.csv" > "$LOGS/cli-explain-cuda.log" 2>&1
  echo "explain --device cuda rc=$?"; tail -n 8 "$LOGS/cli-explain-cuda.log"
fi
ok

if [ -z "${MS_NO_CUDA:-}" ]; then
  step "bench explain --device cuda (8 coalitions as one stacked pass against plain inference)"
  timeout 150 "$CLI" bench explain --device cuda > "$LOGS/bench-explain-cuda.log" 2>&1; echo "rc=$?"
  tail -n 12 "$LOGS/bench-explain-cuda.log"
  ok
  step "bench train --device cuda: the C++ trainer and the PyTorch loop on the same GPU"
  BT_ARGS=(--epochs 3 --device cuda --csv "$CSV")
  [ -n "$PY" ] && BT_ARGS+=(--python "$PY" --reference "$ROOT/bench/reference_perceiver.py") || BT_ARGS+=(--no-reference)
  timeout 200 "$CLI" bench train "${BT_ARGS[@]}" > "$LOGS/bench-train-cuda.log" 2>&1; echo "rc=$?"
  tail -n 12 "$LOGS/bench-train-cuda.log"
  ok
fi

step "modalscope-cli train --device cpu: V, same model, ${MS_CPU_EPOCHS:-2} epochs (the speed to compare)"
run_logged cli-train-cpu "$CLI" train --db "$DB" --modalities V --fold 0 --epochs "${MS_CPU_EPOCHS:-2}" \
  --patience "${MS_CPU_EPOCHS:-2}" --device cpu
cat "$LOGS/cli-train-cpu.log"
run_logged cli-runs "$CLI" runs --db "$DB"; cat "$LOGS/cli-runs.log"
ok

echo
echo "=== ALL STEPS PASSED in ${SECONDS}s (logs in $LOGS)"
