import { graphql } from './gql/index.js';

/** The README's questions, as a frontend asks them: typed documents generated from the schema. */
export const AwsTotal = graphql(`
  query AwsTotal($asOf: Date!) {
    agreement(id: "aws-openai-compute-2025") {
      id
      totalValue(asOf: $asOf) {
        committed { amount currency text }
        confidence
        basis { rule inputs { agreementId role detail } }
      }
    }
  }
`);

export const LicenseOnTwoDates = graphql(`
  query LicenseOnTwoDates {
    agreement(id: "msft-openai-ip-license") {
      id
      before: license(asOf: "2026-04-26") { exclusive endsOn { text } }
      after: license(asOf: "2026-04-28") { exclusive endsOn { text } confidence basis { rule } }
    }
  }
`);

export const MetaCompute = graphql(`
  query MetaCompute($after: String) {
    agreements(filter: { party: "meta", kinds: [COMPUTE_COMMITMENT] }, orderBy: AMOUNT, direction: DESC, first: 2, after: $after) {
      totalCount
      edges { cursor node { id money { amount text } parties { role company { id name } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const OwedUnderCap = graphql(`
  query OwedUnderCap {
    agreement(id: "openai-msft-revenue-share") {
      id
      ratePercent
      owed(revenue: 50000000000, from: "2027-01-01", to: "2027-12-31", alreadyPaid: 30000000000) {
        committed { amount text }
        confidence
      }
    }
  }
`);

export const CloudProviders = graphql(`
  query CloudProviders {
    companies(kind: CLOUD_PROVIDER, first: 100) { nodes { id name kinds } }
  }
`);

export const ByGlobalId = graphql(`
  query ByGlobalId($ids: [String!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on Company { name }
      ... on Agreement { title kind }
    }
  }
`);

export const AgreementsPage = graphql(`
  query AgreementsPage($first: Int, $after: String, $last: Int, $before: String) {
    agreements(orderBy: ANNOUNCED, first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id announced { text } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

export const LoadDeals = graphql(`
  mutation LoadDeals($content: String!, $file: String, $dryRun: Boolean) {
    loadDeals(content: $content, file: $file, dryRun: $dryRun) {
      outcome
      revision
      problems { path message }
      changedAgreements { id title kind }
    }
  }
`);

export const DealsLoaded = graphql(`
  subscription DealsLoaded {
    dealsLoaded { file revision agreements companies complete committedAt }
  }
`);

export const OpenAIAgreementChanged = graphql(`
  subscription OpenAIAgreementChanged {
    agreementChanged(company: "openai") { agreementId change kind companies committedAt agreement { id title } }
  }
`);
