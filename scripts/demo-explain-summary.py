#!/usr/bin/env python3
"""Sums `modalscope-cli explain`'s faithfulness checks over the five folds of
the AVT results of an `experiment` run on the demo corpus (docs/demo.md), and
splits the Shapley check by the modality of clips holding events of one
modality only (from the explain CSV and the stored planted spans).

usage: demo-explain-summary.py PROJECT.msproj RUN_ID [MODALSCOPE_CLI]
Each explain stores an explanation set in the project, as the command does."""
import collections
import csv
import re
import sqlite3
import subprocess
import sys
import tempfile

db, run = sys.argv[1], sys.argv[2]
cli = sys.argv[3] if len(sys.argv) > 3 else 'modalscope-cli'
con = sqlite3.connect(db)
planted = collections.defaultdict(set)
for clip, mod in con.execute(
        "SELECT c.name, e.modality FROM planted_spans p JOIN clips c ON c.id = p.clip_id "
        "JOIN extractors e ON e.id = p.extractor_id"):
    planted[clip].add(mod)
out_csv = tempfile.NamedTemporaryFile(suffix='.csv', delete=False).name
for fusion, train_set in [('early', 'CMSD'), ('late', 'CMSD'), ('early', 'CMAD'), ('late', 'CMAD')]:
    ids = [r[0] for r in con.execute(
        "SELECT id FROM run_results WHERE run_id = ? AND modalities = 'AVT' AND fusion = ? "
        "AND train_set = ? ORDER BY fold", (run, fusion, train_set))]
    if not ids:
        continue
    t = dict(ph=0, pc=0, pu=0.0, sh=0, sc=0, su=0.0)
    per = collections.defaultdict(lambda: [0, 0])
    for rid in ids:
        text = subprocess.run([cli, 'explain', '--db', db, '--run', str(run), '--result', str(rid),
                               '--out', out_csv], capture_output=True, text=True, check=True).stdout
        p = re.search(r'pointing game: (\d+)/(\d+) .*uniform token: ([0-9.]+)', text)
        s = re.search(r'planted modality: (\d+)/(\d+) .*uniform modality: ([0-9.]+)', text)
        if not p or not s:
            sys.exit(f'result {rid}: explain printed no faithfulness checks (no planted spans?)')
        t['ph'] += int(p[1]); t['pc'] += int(p[2]); t['pu'] += float(p[3]) * int(p[2])
        t['sh'] += int(s[1]); t['sc'] += int(s[2]); t['su'] += float(s[3]) * int(s[2])
        for row in csv.DictReader(open(out_csv)):
            mods = planted.get(row['clip_id'], set())
            if len(mods) != 1:
                continue
            phi = {m: float(row['phi_' + m] or 0) for m in 'VAT'}
            (m,) = mods
            best = max(phi.values())
            # a tie for the largest value names no modality (as explain counts it)
            per[m][0] += phi[m] == best and list(phi.values()).count(best) == 1
            per[m][1] += 1
    print(f"AVT {fusion} {train_set}: pointing {t['ph']}/{t['pc']} = {t['ph'] / max(1, t['pc']):.3f} "
          f"(uniform {t['pu'] / max(1, t['pc']):.3f}); largest Shapley on a planted modality "
          f"{t['sh']}/{t['sc']} = {t['sh'] / max(1, t['sc']):.3f} (uniform {t['su'] / max(1, t['sc']):.3f}); "
          + ', '.join(f"{m}-only clips {h}/{n}" for m, (h, n) in sorted(per.items())))
