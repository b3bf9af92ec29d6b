import { schemaRule } from '../../schemaRule';

/** Lists with `x-kubernetes-list-type: map` (unique by key fields) or `set` (unique values) reject repeats. */
export const MA111 = schemaRule({ code: 'MA111', name: 'list-duplicate', severity: 'error', summary: 'A list the API server keeps unique (by name, or by value) holds the same entry twice.' }, 'duplicate');
