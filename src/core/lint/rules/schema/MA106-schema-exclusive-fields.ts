import { schemaRule } from '../../schemaRule';

export const MA106 = schemaRule({ code: 'MA106', name: 'schema-exclusive-fields', severity: 'error', summary: 'Mutually exclusive fields are both set, or neither is.' }, 'oneOf');
