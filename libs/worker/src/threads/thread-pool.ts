// The pool that runs CPU-bound handlers (definitions with `thread`) off the event loop, one job per
// thread at a time; jobs wait for a free thread. The main thread keeps the context's I/O (progress,
// checkpoints, logs) and forwards the signal. A thread that dies fails its job (retryable) and is
// replaced.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { errorMessage } from '@conveyor/contracts';
import type { JobData, JobDefinition } from '../define-job.ts';
import { JobFailedError } from '../errors/job-failed-error.ts';
import { WorkerErrorCode } from '../errors/worker-error-codes.ts';
import type { JobContext } from '../job-context.ts';
import { threadScript } from './thread-script.ts';
import { readThreadMessage, type ThreadReply } from './thread-messages.ts';

interface Task {
  id: number;
  definition: JobDefinition;
  data: JobData;
  context: JobContext;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface PoolThread {
  worker: Worker;
  task: Task | undefined;
}

export class ThreadPool {
  readonly #size: number;
  readonly #threads: PoolThread[] = [];
  readonly #waiting: Task[] = [];
  #nextId = 0;
  #closed = false;

  constructor(size?: number) {
    this.#size = size ?? Math.max(1, availableParallelism() - 1);
  }

  run(definition: JobDefinition, data: JobData, context: JobContext): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('the thread pool is closed'));
    return new Promise((resolve, reject) => {
      this.#nextId += 1;
      this.#waiting.push({ id: this.#nextId, definition, data, context, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#waiting.splice(0)) task.reject(new Error('the thread pool closed'));
    await Promise.all(this.#threads.splice(0).map((thread) => thread.worker.terminate()));
  }

  #dispatch(): void {
    while (this.#waiting.length > 0) {
      const thread = this.#threads.find((candidate) => candidate.task === undefined) ?? this.#spawn();
      if (thread === undefined) return;
      const task = this.#waiting.shift();
      if (task === undefined) return;
      this.#start(thread, task);
    }
  }

  #spawn(): PoolThread | undefined {
    if (this.#threads.length >= this.#size) return undefined;
    const thread: PoolThread = { worker: new Worker(threadScript, { eval: true }), task: undefined };
    thread.worker.on('message', (message: unknown) => this.#onMessage(thread, message));
    thread.worker.on('error', (error) => this.#onExit(thread, errorMessage(error)));
    thread.worker.on('exit', (code) => this.#onExit(thread, `exit code ${String(code)}`));
    thread.worker.unref();
    this.#threads.push(thread);
    return thread;
  }

  #start(thread: PoolThread, task: Task): void {
    thread.task = task;
    const { context, definition } = task;
    const abort = () => {
      const reason: unknown = context.signal.reason;
      thread.worker.postMessage({
        kind: 'abort',
        id: task.id,
        reason: { name: reason instanceof Error ? reason.name : 'AbortError', message: errorMessage(reason) },
      });
    };
    if (context.signal.aborted) abort();
    else context.signal.addEventListener('abort', abort, { once: true });
    thread.worker.postMessage({
      kind: 'run',
      task: {
        id: task.id,
        module: definition.thread,
        type: definition.type,
        data: task.data,
        jobId: context.jobId,
        tenantId: context.tenantId,
        attempt: context.attempt,
        lastCheckpoint: context.lastCheckpoint,
      },
    });
  }

  #finish(thread: PoolThread, settle: (task: Task) => void): void {
    const task = thread.task;
    thread.task = undefined;
    if (task !== undefined) settle(task);
    this.#dispatch();
  }

  #onMessage(thread: PoolThread, raw: unknown): void {
    const task = thread.task;
    const message = readThreadMessage(raw);
    if (task === undefined || message === undefined || message.id !== task.id) return;
    switch (message.kind) {
      case 'result':
        this.#finish(thread, (done) => done.resolve(message.value));
        return;
      case 'error':
        this.#finish(thread, (done) =>
          done.reject(
            new JobFailedError(message.error.message, {
              retryable: message.error.retryable,
              ...(message.error.code === undefined ? {} : { code: message.error.code }),
            }),
          ),
        );
        return;
      case 'log':
        task.context.logger[message.level](message.obj, message.msg);
        return;
      case 'progress':
      case 'checkpoint': {
        const send =
          message.kind === 'progress'
            ? task.context.progress(message.value)
            : task.context.checkpoint(message.value);
        void send.then(
          () => thread.worker.postMessage({ kind: 'reply', callId: message.callId } satisfies ThreadReply),
          (error: unknown) =>
            thread.worker.postMessage({
              kind: 'reply',
              callId: message.callId,
              error: { message: errorMessage(error) },
            } satisfies ThreadReply),
        );
        return;
      }
    }
  }

  #onExit(thread: PoolThread, why: string): void {
    const index = this.#threads.indexOf(thread);
    if (index === -1) return;
    this.#threads.splice(index, 1);
    const task = thread.task;
    thread.task = undefined;
    task?.reject(new JobFailedError(`the job's thread died (${why})`, { code: WorkerErrorCode.threadDied }));
    if (!this.#closed) this.#dispatch();
  }
}
