import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '../index';

// Silences tfjs's "install the node backend" greeting in test output.
tf.env().set('IS_TEST', true);
