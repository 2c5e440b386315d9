import { h } from '../ui.js';
export async function render(main, ctx) { ctx.heading('redistribution'); main.append(h('p', null, 'Kommer.')); ctx.ready('redistribution'); }
