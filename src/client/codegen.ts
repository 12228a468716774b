import type { CodegenConfig } from '@graphql-codegen/cli';

// The committed SDL by default (what a frontend team builds against); DEALGRAPH_SCHEMA may name the live endpoint
// (introspection) or another file, and DEALGRAPH_GENERATED another output directory.
const config: CodegenConfig = {
  schema: process.env.DEALGRAPH_SCHEMA ?? '../../graph/schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: false,
  // Node's ES modules need the .js extension on relative imports.
  emitLegacyCommonJSImports: false,
  generates: {
    [process.env.DEALGRAPH_GENERATED ?? 'src/gql/']: {
      preset: 'client',
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: {
          Date: 'string',
          DateTime: 'string',
          BigDecimal: 'number',
          BigInteger: 'number',
        },
        strictScalars: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
