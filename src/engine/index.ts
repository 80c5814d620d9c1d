export type { Decision, FileResult, Reason, StepContext, StepResult, Zone } from './types.js';
export { classifyDiff, classifyDiffText, classifyFile, type ClassifyDiffOptions, type FileSource } from './classify-diff.js';
export { classifyRunStep, classifyUsesStep, classifyWorkflowStep } from './classify-step.js';
export { parseDiff } from './diff/parse.js';
export { DiffParseError } from './diff/types.js';
export { initEngine } from './init.js';
export { maxZone, zoneOf, atLeast } from './zone.js';
