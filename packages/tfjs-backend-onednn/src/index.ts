export { oneDnnInstallHint } from './install-hint';
