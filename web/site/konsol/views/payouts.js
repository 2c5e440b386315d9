import { h } from '../ui.js';
export async function render(main, ctx) { ctx.heading('payouts'); main.append(h('p', null, 'Kommer.')); ctx.ready('payouts'); }
