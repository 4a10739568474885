// Registers the three TensorFlow.js backends the viewer chooses from (side effects only).
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
