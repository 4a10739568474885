/** What a named weight is, which decides its initialisation and whether it is trained. */
export type ParameterRole =
  | 'conv'
  | 'norm-weight'
  | 'norm-bias'
  | 'norm-running-mean'
  | 'norm-running-var'
  | 'linear-weight'
  | 'linear-bias';

/** One named weight of the network, in tfjs layout. */
export interface ParameterSpec {
  /** MONAI state_dict key (`features.denseblock1.denselayer1.layers.conv1.weight`) or `heads.<task>.weight|bias`. */
  key: string;
  /** Convolutions `[kd, kh, kw, in, out]`; Linear weights `[in, out]`; norms `[C]`. */
  shape: number[];
  role: ParameterRole;
  /** False for the running statistics (buffers in PyTorch). */
  trainable: boolean;
}
