import { html } from '../vendor/preact-htm.js';

export const StatusBadge = ({ status }) => html`<span class=${`badge ${status.toLowerCase()}`}>${status}</span>`;

export const Progress = ({ value, label, max = 100 }) =>
  html`<progress max=${max} value=${value} aria-label=${label}>${Math.round((value / max) * 100)}%</progress>`;
