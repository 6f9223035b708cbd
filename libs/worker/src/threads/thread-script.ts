// The code each pool thread runs, as a self-contained script (evaluated by `new Worker(code, { eval })`),
// so that it needs no file next to the bundle the SDK ships: it imports the module that defines the job,
// finds the definition by type, and calls its handler with a context whose progress, checkpoint and
// logger go back to the main thread, which does the I/O. Cancels and deadlines arrive as `abort`.
export const threadScript = String.raw`
const { parentPort } = require('node:worker_threads');
const modules = new Map();
const running = new Map();
let nextCall = 0;
const calls = new Map();

function call(id, kind, value) {
  const callId = ++nextCall;
  return new Promise((resolve, reject) => {
    calls.set(callId, { resolve, reject });
    parentPort.postMessage({ kind, id, callId, value });
  });
}

function logger(id, bindings) {
  const log = (level) => (objOrMsg, msg) => {
    const withObj = typeof objOrMsg === 'object' && objOrMsg !== null;
    parentPort.postMessage({ kind: 'log', id, level, obj: withObj ? { ...bindings, ...objOrMsg } : bindings,
      msg: withObj ? msg : objOrMsg });
  };
  const self = { trace: log('trace'), debug: log('debug'), info: log('info'), warn: log('warn'),
    error: log('error'), fatal: log('fatal'), child: (more) => logger(id, { ...bindings, ...more }) };
  return self;
}

async function definitionOf(moduleUrl, type) {
  let loaded = modules.get(moduleUrl);
  if (loaded === undefined) {
    loaded = import(moduleUrl);
    modules.set(moduleUrl, loaded);
  }
  const exports = await loaded;
  for (const value of Object.values(exports)) {
    if (value && value.kind === 'conveyor.job' && value.type === type) return value;
  }
  throw new Error('module ' + moduleUrl + ' exports no job definition of type ' + type);
}

function wireError(error) {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, code: typeof error.code === 'string' ? error.code : undefined,
      retryable: typeof error.retryable === 'boolean' ? error.retryable : true, stack: error.stack };
  }
  return { name: 'Error', message: String(error), retryable: true };
}

async function runJob(task) {
  const controller = new AbortController();
  running.set(task.id, controller);
  try {
    const definition = await definitionOf(task.module, task.type);
    const context = {
      jobId: task.jobId, tenantId: task.tenantId, type: task.type, attempt: task.attempt,
      lastCheckpoint: task.lastCheckpoint, signal: controller.signal, logger: logger(task.id, {}),
      progress: (value) => call(task.id, 'progress', value),
      checkpoint: (state) => call(task.id, 'checkpoint', state),
      fanOut: (children, options) => ({ kind: 'fan-out', children: [...children], then: (options && options.then) || null }),
    };
    const result = await definition.handler(task.data, context);
    parentPort.postMessage({ kind: 'result', id: task.id, value: result });
  } catch (error) {
    parentPort.postMessage({ kind: 'error', id: task.id, error: wireError(error) });
  } finally {
    running.delete(task.id);
  }
}

parentPort.on('message', (message) => {
  if (message.kind === 'run') void runJob(message.task);
  else if (message.kind === 'abort') {
    const controller = running.get(message.id);
    if (controller) controller.abort(Object.assign(new Error(message.reason.message), message.reason));
  } else if (message.kind === 'reply') {
    const pending = calls.get(message.callId);
    calls.delete(message.callId);
    if (pending === undefined) return;
    if (message.error === undefined) pending.resolve(undefined);
    else pending.reject(Object.assign(new Error(message.error.message), message.error));
  }
});
`;
