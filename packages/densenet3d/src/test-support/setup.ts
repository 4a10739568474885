import * as tf from '@tensorflow/tfjs-core';

// Silences tfjs's "install the node backend" greeting in test output.
tf.env().set('IS_TEST', true);
