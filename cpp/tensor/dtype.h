// Element types and the switch that turns a runtime DType into a C++ type.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace ef {

enum class DType : uint8_t { Bool = 0, Int32 = 1, Int64 = 2, Float32 = 3, Float64 = 4 };
constexpr int kNumDTypes = 5;

inline size_t itemsize(DType d) {
  switch (d) {
    case DType::Bool: return 1;
    case DType::Int32: return 4;
    case DType::Int64: return 8;
    case DType::Float32: return 4;
    case DType::Float64: return 8;
  }
  return 0;
}

inline const char* dtype_name(DType d) {
  switch (d) {
    case DType::Bool: return "bool";
    case DType::Int32: return "int32";
    case DType::Int64: return "int64";
    case DType::Float32: return "float32";
    case DType::Float64: return "float64";
  }
  return "?";
}

inline bool is_float(DType d) { return d == DType::Float32 || d == DType::Float64; }
inline bool is_int(DType d) { return d == DType::Int32 || d == DType::Int64; }

template <typename T> struct dtype_of;
template <> struct dtype_of<bool> { static constexpr DType value = DType::Bool; };
template <> struct dtype_of<int32_t> { static constexpr DType value = DType::Int32; };
template <> struct dtype_of<int64_t> { static constexpr DType value = DType::Int64; };
template <> struct dtype_of<float> { static constexpr DType value = DType::Float32; };
template <> struct dtype_of<double> { static constexpr DType value = DType::Float64; };

}  // namespace ef

// Runs BODY with `T` bound to the C++ type of DTYPE. The *_FLOAT and *_NUMERIC variants
// cover fewer types; callers validate the dtype first, so the default branch is unreachable.
#define EF_CASE_(ENUM, TYPE, ...) \
  case ::ef::DType::ENUM: {       \
    using T = TYPE;               \
    __VA_ARGS__;                  \
    break;                        \
  }
#define EF_DISPATCH_FLOAT(DTYPE, ...)                 \
  switch (DTYPE) {                                    \
    EF_CASE_(Float32, float, __VA_ARGS__)             \
    EF_CASE_(Float64, double, __VA_ARGS__)            \
    default: break;                                   \
  }
#define EF_DISPATCH_NUMERIC(DTYPE, ...)               \
  switch (DTYPE) {                                    \
    EF_CASE_(Int32, int32_t, __VA_ARGS__)             \
    EF_CASE_(Int64, int64_t, __VA_ARGS__)             \
    EF_CASE_(Float32, float, __VA_ARGS__)             \
    EF_CASE_(Float64, double, __VA_ARGS__)            \
    default: break;                                   \
  }
#define EF_DISPATCH_ALL(DTYPE, ...)                   \
  switch (DTYPE) {                                    \
    EF_CASE_(Bool, bool, __VA_ARGS__)                 \
    EF_CASE_(Int32, int32_t, __VA_ARGS__)             \
    EF_CASE_(Int64, int64_t, __VA_ARGS__)             \
    EF_CASE_(Float32, float, __VA_ARGS__)             \
    EF_CASE_(Float64, double, __VA_ARGS__)            \
  }
