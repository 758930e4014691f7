// A persistent thread pool: parallelFor runs tasks 0..count-1 on the workers and the calling thread.
#pragma once
#include <functional>

namespace gradus {

/** Runs task(i) for i in [0, count) on up to numThreads() threads; returns when all are done. */
void parallelFor(long count, const std::function<void(long)>& task);

/** Threads a parallel kernel may use (defaults to the available cores). */
int numThreads();

/** Sets the thread count (≥ 1); workers are started or parked lazily. */
void setNumThreads(int count);

}  // namespace gradus
