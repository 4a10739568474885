// Side effect: registers the `onednn` backend (listed in package.json "sideEffects").
import { registerOneDnnBackend } from './backend/register-backend';

registerOneDnnBackend();
