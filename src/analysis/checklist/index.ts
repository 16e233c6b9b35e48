export * from './items.js';
export * from './render.js';
export * from './state.js';
export * from './gate.js';
