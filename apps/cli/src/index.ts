export { CliInputError, EXIT, UsageError } from './cli-error';
export { main } from './main';
export type { Io } from './run-action';
