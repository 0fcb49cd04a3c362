import { Re2LinePatternCompiler } from '../../../src/adapters/re2js/re2-line-pattern-compiler.ts';
import { linePatternCompilerContract } from '../../contracts/line-pattern-compiler.contract.ts';

// The only compiler: re2js runs in process, so it is its own in-memory adapter.
linePatternCompilerContract('re2js', () => new Re2LinePatternCompiler());
