// Persistent workers parked on a condition variable; a job hands out task indices through an atomic counter.
#include "thread-pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace gradus {
namespace {

struct Pool {
  std::mutex mutex;
  std::condition_variable wake;
  std::condition_variable done;
  std::vector<std::thread> workers;
  const std::function<void(long)>* task = nullptr;
  std::atomic<long> next{0};
  long count = 0;
  long generation = 0;
  int active = 0;   // workers taking part in the current job
  int running = 0;  // workers still inside the current job
  int threads = std::max(1u, std::thread::hardware_concurrency());
};

Pool& pool() {
  // NOTE: leaked on purpose so that no worker is joined during static destruction at process exit.
  static Pool* instance = new Pool();
  return *instance;
}

void drain(Pool& p) {
  for (long i = p.next.fetch_add(1); i < p.count; i = p.next.fetch_add(1)) (*p.task)(i);
}

void workerLoop(int id) {
  Pool& p = pool();
  long seen = 0;
  for (;;) {
    std::unique_lock<std::mutex> lock(p.mutex);
    p.wake.wait(lock, [&] { return p.generation != seen && id < p.active; });
    seen = p.generation;
    lock.unlock();
    drain(p);
    lock.lock();
    if (--p.running == 0) p.done.notify_one();
  }
}

}  // namespace

int numThreads() { return pool().threads; }

void setNumThreads(int count) { pool().threads = std::max(1, count); }

void parallelFor(long count, const std::function<void(long)>& task) {
  Pool& p = pool();
  int helpers = static_cast<int>(std::min<long>(p.threads, count)) - 1;
  if (helpers <= 0) {
    for (long i = 0; i < count; ++i) task(i);
    return;
  }
  std::unique_lock<std::mutex> lock(p.mutex);
  while (static_cast<int>(p.workers.size()) < helpers) {
    int id = static_cast<int>(p.workers.size());
    p.workers.emplace_back(workerLoop, id);
    p.workers.back().detach();
  }
  p.task = &task;
  p.count = count;
  p.next.store(0);
  p.active = helpers;
  p.running = helpers;
  ++p.generation;
  lock.unlock();
  p.wake.notify_all();
  drain(p);
  lock.lock();
  p.done.wait(lock, [&] { return p.running == 0; });
  p.task = nullptr;
}

}  // namespace gradus
