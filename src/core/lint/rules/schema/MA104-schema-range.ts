import { schemaRule } from '../../schemaRule';

export const MA104 = schemaRule({ code: 'MA104', name: 'schema-range', severity: 'error', summary: 'A number, string length or list length is outside its allowed range.' }, 'range');
