export { formatBytes, formatNanoCores } from './format-quantity.ts';
export { parseQuantity } from './parse-quantity.ts';
