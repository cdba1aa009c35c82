#pragma once

#include <QList>
#include <vector>

namespace ms::core {

// Exact game-theoretic attributions for a small number of players (the
// modalities), from the value of every coalition. `values[mask]` is v(S) for
// the set S whose members are the set bits of `mask` (bit i: player i), so a
// game of M players has 2^M values; v(0) is the empty coalition.
namespace shapley {

// phi_i = sum over S not containing i of |S|! (M-|S|-1)! / M! * (v(S+i) - v(S)).
// Efficiency: the values sum to v(all) - v(none).
std::vector<double> values(const std::vector<double> &v, int players);

// Shapley interaction index of players i and j:
// I_ij = sum over S without i, j of |S|! (M-|S|-2)! / (M-1)! *
//        (v(S+ij) - v(S+i) - v(S+j) + v(S)).
double interaction(const std::vector<double> &v, int players, int i, int j);

// Harsanyi dividend of a coalition: d(S) = sum over T in S of (-1)^{|S|-|T|} v(T).
// d of all three modalities is the three-way interaction.
double dividend(const std::vector<double> &v, int mask);

// The share of interaction in the total, in the manner of InterSHAP
// (Wenderoth et al., 2024): with the Shapley interaction matrix
// Phi_ij = I_ij / 2 (i != j) and Phi_ii = phi_i - sum_{j != i} Phi_ij,
// share = sum_{i != j} |Phi_ij| / sum_{i,j} |Phi_ij|, in [0, 1]; 0 when the
// game is additive, 1 when it is pure interaction. 0 for a null game.
double interactionShare(const std::vector<double> &v, int players);

} // namespace shapley
} // namespace ms::core
