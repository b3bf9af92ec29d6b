import { ENGINE_CODES } from './engineCodes';
import { IMPACT_CODES } from '../policy/impactFindings';
import type { Rule, RuleInfo } from './rule';
import { MA101 } from './rules/MA101';
import { MA102 } from './rules/MA102';
import { MA103 } from './rules/MA103';
import { MA104 } from './rules/MA104';
import { MA105 } from './rules/MA105';
import { MA106 } from './rules/MA106';
import { MA107 } from './rules/MA107';
import { MA108 } from './rules/MA108';
import { MA109 } from './rules/MA109';
import { MA110 } from './rules/MA110';
import { MA111 } from './rules/MA111';
import { MA201 } from './rules/MA201';
import { MA202 } from './rules/MA202';
import { MA203 } from './rules/MA203';
import { MA204 } from './rules/MA204';
import { MA205 } from './rules/MA205';
import { MA206 } from './rules/MA206';
import { MA207 } from './rules/MA207';
import { MA208 } from './rules/MA208';
import { MA209 } from './rules/MA209';
import { MA210 } from './rules/MA210';
import { MA211 } from './rules/MA211';
import { MA212 } from './rules/MA212';
import { MA213 } from './rules/MA213';
import { MA214 } from './rules/MA214';
import { MA215 } from './rules/MA215';
import { MA216 } from './rules/MA216';
import { MA217 } from './rules/MA217';
import { MA218 } from './rules/MA218';
import { MA219 } from './rules/MA219';
import { MA220 } from './rules/MA220';
import { MA221 } from './rules/MA221';
import { MA222 } from './rules/MA222';
import { MA223 } from './rules/MA223';
import { MA224 } from './rules/MA224';
import { MA225 } from './rules/MA225';
import { MA226 } from './rules/MA226';
import { MA227 } from './rules/MA227';
import { MA228 } from './rules/MA228';
import { MA301 } from './rules/MA301';
import { MA302 } from './rules/MA302';
import { MA303 } from './rules/MA303';
import { MA304 } from './rules/MA304';
import { MA305 } from './rules/MA305';
import { MA306 } from './rules/MA306';
import { MA307 } from './rules/MA307';
import { MA308 } from './rules/MA308';
import { MA309 } from './rules/MA309';
import { MA310 } from './rules/MA310';
import { MA311 } from './rules/MA311';
import { MA312 } from './rules/MA312';
import { MA313 } from './rules/MA313';
import { MA314 } from './rules/MA314';
import { MA315 } from './rules/MA315';
import { MA316 } from './rules/MA316';
import { MA317 } from './rules/MA317';
import { MA318 } from './rules/MA318';
import { MA319 } from './rules/MA319';
import { MA401 } from './rules/MA401';
import { MA402 } from './rules/MA402';
import { MA403 } from './rules/MA403';
import { MA404 } from './rules/MA404';
import { MA405 } from './rules/MA405';
import { MA406 } from './rules/MA406';
import { MA407 } from './rules/MA407';
import { MA408 } from './rules/MA408';
import { MA409 } from './rules/MA409';
import { MA410 } from './rules/MA410';

/** Every rule, in code order. A new rule is a file in rules/ named after its code, plus one line here. */
export const RULES: readonly Rule[] = [
  MA101,
  MA102,
  MA103,
  MA104,
  MA105,
  MA106,
  MA107,
  MA108,
  MA109,
  MA110,
  MA111,
  MA201,
  MA202,
  MA203,
  MA204,
  MA205,
  MA206,
  MA207,
  MA208,
  MA209,
  MA210,
  MA211,
  MA212,
  MA213,
  MA214,
  MA215,
  MA216,
  MA217,
  MA218,
  MA219,
  MA220,
  MA221,
  MA222,
  MA223,
  MA224,
  MA225,
  MA226,
  MA227,
  MA228,
  MA301,
  MA302,
  MA303,
  MA304,
  MA305,
  MA306,
  MA307,
  MA308,
  MA309,
  MA310,
  MA311,
  MA312,
  MA313,
  MA314,
  MA315,
  MA316,
  MA317,
  MA318,
  MA319,
  MA401,
  MA402,
  MA403,
  MA404,
  MA405,
  MA406,
  MA407,
  MA408,
  MA409,
  MA410,
];

/** Every code the lint can report, engine codes included (docs and SARIF list these). */
export const ALL_CODES: readonly RuleInfo[] = [...ENGINE_CODES, ...RULES, ...IMPACT_CODES];
