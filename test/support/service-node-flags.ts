// Node flags every Conveyor service process runs with (npm start, the e2e stack; the Dockerfile sets
// the same through NODE_OPTIONS). V8's default young generation grows to ~48 MB under message load;
// 4 MB semi-spaces kept every worker under 150 MB RSS at the same CPU per order (test/bench/PERFORMANCE.md).
export const serviceNodeFlags: readonly string[] = ['--max-semi-space-size=4'];
