import { schemaRule } from '../../schemaRule';

export const MA101 = schemaRule({ code: 'MA101', name: 'schema-required', severity: 'error', summary: 'A field the schema requires is missing.' }, 'required');
