// Runtime-dispatched SIMD for the hand-written memory-bound loops: on x86-64 Linux, GCC and
// Clang compile a function marked CTF_SIMD_CLONES for AVX-512, AVX2 and the baseline, and pick
// one when the addon loads (ifunc). The build passes -ffp-contract=off, so every clone rounds
// exactly like the baseline (no fused multiply-adds): results do not depend on the CPU.
#pragma once

#if defined(__x86_64__) && defined(__linux__) && (defined(__GNUC__) || defined(__clang__))
#define CTF_SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CTF_SIMD_CLONES
#endif
