// Registers the three TensorFlow.js backends the viewer chooses from, and tfjs-core's kernel
// gradients (Grad-CAM differentiates the model; tfjs-core's main entry does not register them).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
