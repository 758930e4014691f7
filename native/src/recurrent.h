// The recurrent step kernels (LSTM, GRU, Elman RNN, forward and backward), compiled once per ISA and
// chosen at load like the GEMM. Arguments mirror src/backend/recurrent-kernels.ts, pointers already
// offset; a null pointer stands for a null array there.
#pragma once

namespace gradus {

/** The rows and units of one step; rows with lengths[n] ≤ step are carried (null lengths: none). */
struct StepRows {
  long rows, hidden, step;
  const int* lengths;
};

template <typename T>
struct LstmStepArgs {
  StepRows at;
  const T* x;        // rows × 4H
  const T* product;  // rows × 4H
  T* h;              // h_{t−1}; h_t at h + rows·H
  T* c;              // c_{t−1}; c_t at c + rows·H
  T* saved;          // rows × 5H or null
};

template <typename T>
struct LstmStepBackwardArgs {
  StepRows at;
  const T* saved;
  const T* c;           // c_{t−1}
  T* dh;                // ∂h_{t−1}; ∂h_t at dh + rows·H
  const T* recurrent;   // rows × H or null
  T* dc;                // ∂c_{t−1}; ∂c_t at dc + rows·H
  T* dGates;            // rows × 4H
};

template <typename T>
struct GruStepArgs {
  StepRows at;
  const T* x;        // rows × 3H
  const T* product;  // rows × 3H
  const T* bias;     // 3H or null
  T* h;
  T* saved;          // rows × 4H or null
};

template <typename T>
struct GruStepBackwardArgs {
  StepRows at;
  const T* saved;
  const T* h;  // h_{t−1}
  T* dh;
  const T* recurrent;
  T* dx;        // rows × 3H
  T* dProduct;  // rows × 3H
};

template <typename T>
struct RnnStepArgs {
  StepRows at;
  bool relu;
  const T* x;
  const T* product;
  T* h;
};

template <typename T>
struct RnnStepBackwardArgs {
  StepRows at;
  bool relu;
  const T* h;  // h_{t−1}; h_t at h + rows·H
  T* dh;
  const T* recurrent;
  T* dPre;
};

/** One ISA's kernels for one dtype. */
template <typename T>
struct RecurrentKernels {
  void (*lstm)(const LstmStepArgs<T>&);
  void (*lstmBackward)(const LstmStepBackwardArgs<T>&);
  void (*gru)(const GruStepArgs<T>&);
  void (*gruBackward)(const GruStepBackwardArgs<T>&);
  void (*rnn)(const RnnStepArgs<T>&);
  void (*rnnBackward)(const RnnStepBackwardArgs<T>&);
};

RecurrentKernels<float> recurrentKernelsAvx512F32();
RecurrentKernels<double> recurrentKernelsAvx512F64();
RecurrentKernels<float> recurrentKernelsAvx2F32();
RecurrentKernels<double> recurrentKernelsAvx2F64();
RecurrentKernels<float> recurrentKernelsGenericF32();
RecurrentKernels<double> recurrentKernelsGenericF64();

/** The kernels for this CPU (the GEMM's choice of ISA). */
const RecurrentKernels<float>& recurrentKernels(float);
const RecurrentKernels<double>& recurrentKernels(double);

}  // namespace gradus
