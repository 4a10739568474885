/**
 * Side-effect entry `@ct-fracture/densenet3d/register-gradients`: registers the gradients of
 * every tfjs-core kernel (tfjs-core ships them only as ESM modules that Node cannot load,
 * and `@tensorflow/tfjs` bundles them with layers, converter and WebGL). Import it once in
 * an application that trains or differentiates (Grad-CAM); inference does not need it.
 * The gradients register into tfjs-core's global registry, shared by every copy. `Relu`'s is
 * replaced by one that keeps the ReLU's output rather than its input and runs the backend's
 * `CtfReluBackward` kernel where there is one (registerReluGradient).
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { registerReluGradient } from './batch-norm/relu-gradient';

registerReluGradient();
