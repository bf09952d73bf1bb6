import type { Bench } from './setup';
import type { Measured } from './targets';

export async function measurePopup(_bench: Bench, _samples: number): Promise<Measured> {
  return { notMeasured: 'placeholder' };
}
