// @conveyor/dashboard: the operators' web UI. Exported for tests and the compose check; run main.ts.
export { dashboardEnv, readConfig, type DashboardConfig } from './config.ts';
export { buildDashboard } from './app.ts';
export { startDashboard, type RunningDashboard, type StartDashboardOptions } from './service.ts';
export type { DashboardDeps, DashboardOptions } from './dashboard-deps.ts';
export { DashboardErrorCode } from './errors/dashboard-error-codes.ts';
