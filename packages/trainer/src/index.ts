export { learningRateAt, ORIGINAL_SCHEDULE, type WarmupCosineSchedule } from './lr-schedule';
