import { SESv2Client } from '@aws-sdk/client-sesv2';

const endpoint = process.env.AWS_ENDPOINT_URL_SESV2;

/** SES v2 for outbound mail, built once per container. */
export const ses = new SESv2Client(endpoint ? { endpoint } : {});
