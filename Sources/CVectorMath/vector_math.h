#ifndef METARECSIM_VECTOR_MATH_H
#define METARECSIM_VECTOR_MATH_H

/// Eight floats, imported into Swift as SIMD8<Float>.
typedef float vector_math_float8 __attribute__((ext_vector_type(8)));

/// The correctly rounded square root of each lane, as one vector instruction per register
/// (`sqrtps` on x86-64, `fsqrt` on arm64). Swift's `SIMD8<Float>.squareRoot()` calls the C
/// library's `sqrtf` lane by lane, checking each for a domain error, which keeps loops that
/// take square roots (Adam's step) from being vectorized. Both give the IEEE square root,
/// so the values are the same bit for bit.
static inline vector_math_float8 vector_math_sqrt8(vector_math_float8 x) {
    return __builtin_elementwise_sqrt(x);
}

#endif
