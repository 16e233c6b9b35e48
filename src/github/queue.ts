/**
 * Runs jobs for the same key one after another, jobs for different keys concurrently: events
 * for one pull request never interleave their reads and writes in this process. Across
 * replicas the markers keep the result correct (a duplicate run posts nothing new). When one
 * process is not enough, this becomes a real job queue (DESIGN.md "Scale"), not a bigger one.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Resolves when `job` has run (after every earlier job of the same key); never rejects for another job's failure. */
  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(job);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get activeKeys(): number {
    return this.tails.size;
  }
}
