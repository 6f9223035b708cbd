// Names for a V8 profile's call frames: a function label (name, short path, line) and the "package"
// it belongs to (an npm package, a workspace directory, Node internals, or a V8 pseudo-frame).
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** Pseudo-frames V8 adds with no script: time outside JavaScript, kept apart by name. */
export const IDLE = '(idle)';
export const NODE_INTERNALS = 'node internals';

export function functionLabel(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return name;
  return `${name} ${shortPath(frame.url)}:${frame.lineNumber + 1}`;
}

export function shortPath(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + '/node_modules/'.length);
  const workspace = /\/(libs|services|test)\/.*$/.exec(path);
  return workspace?.[0].slice(1) ?? path;
}

/** `(garbage collector)`, `node internals`, an npm package, or a workspace directory (`libs/bus`). */
export function packageOf(frame: CallFrame): string {
  if (frame.url === '') {
    // (program), (garbage collector), (idle), (root) name themselves; other script-less frames are
    // V8 builtins or native callbacks, too many to list one by one.
    return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  }
  if (frame.url.startsWith('node:')) return NODE_INTERNALS;
  const path = shortPath(frame.url);
  if (isWorkspacePath(path)) return path.split('/').slice(0, 2).join('/');
  const [scope, name] = path.split('/');
  return scope?.startsWith('@') === true ? `${scope}/${name ?? ''}` : (scope ?? path);
}

function isWorkspacePath(path: string): boolean {
  return path.startsWith('libs/') || path.startsWith('services/') || path.startsWith('test/');
}

/** Conveyor's own code: the workspace libraries and services (not the tests). */
export function isConveyorFrame(frame: CallFrame): boolean {
  const path = frame.url === '' || frame.url.startsWith('node:') ? '' : shortPath(frame.url);
  return path.startsWith('libs/') || path.startsWith('services/');
}

/** Frames that do work on behalf of a caller: Node's own modules and V8's builtins. */
export function isInternalFrame(frame: CallFrame): boolean {
  return packageOf(frame) === NODE_INTERNALS || packageOf(frame) === '(native)';
}
