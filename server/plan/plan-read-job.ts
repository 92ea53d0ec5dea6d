// The plan reader's worker: reads one plan document at a time, in a thread with its own heap and deadline.
import { serveJobs } from '../worker/serve-jobs.ts';
import { readPlanForReview, type PlanReadInput, type PlanReading } from './read-plan.ts';

serveJobs<PlanReadInput, PlanReading>(readPlanForReview);
