/**
 * SES templates of the emails the scheduled jobs send. Everything that varies is a `{{placeholder}}` filled at send
 * time — the temporary password included, so it is never stored in the template or in Terraform state. SES escapes
 * `{{...}}` values in the HTML part, so names from the roster cannot inject markup.
 */

export interface EmailTemplate {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export type EmailTemplateKind = 'onboarding' | 'teardown-notice';

/** Variables each template expects in `TemplateData`. */
export const TEMPLATE_VARIABLES: Readonly<Record<EmailTemplateKind, readonly string[]>> = {
  onboarding: ['name', 'cohortTitle', 'userName', 'password', 'signInUrl', 'start', 'end'],
  'teardown-notice': ['name', 'cohortTitle', 'end', 'teardownDate'],
};

function html(paragraphs: readonly string[]): string {
  return `<html><body>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
}

export const EMAIL_TEMPLATES: Readonly<Record<EmailTemplateKind, EmailTemplate>> = {
  onboarding: {
    subject: 'Your AWS account for {{cohortTitle}}',
    html: html([
      'Hello {{name}},',
      'Your AWS account for <b>{{cohortTitle}}</b> ({{start}} to {{end}}) is ready.',
      'Sign in at <a href="{{signInUrl}}">{{signInUrl}}</a> with the user name <b>{{userName}}</b> and the temporary password <b>{{password}}</b>. You will choose your own password at the first sign-in.',
      'Your access ends automatically after {{end}}.',
    ]),
    text: [
      'Hello {{name}},',
      '',
      'Your AWS account for {{cohortTitle}} ({{start}} to {{end}}) is ready.',
      'Sign in at {{signInUrl}} with the user name {{userName}} and the temporary password {{password}}.',
      'You will choose your own password at the first sign-in.',
      '',
      'Your access ends automatically after {{end}}.',
    ].join('\n'),
  },
  'teardown-notice': {
    subject: '{{cohortTitle}} ends on {{end}}: save your work',
    html: html([
      'Hello {{name}},',
      '<b>{{cohortTitle}}</b> ended on {{end}}. Its AWS resources, your account and your data are deleted on {{teardownDate}}.',
      'Download anything you want to keep before then.',
    ]),
    text: [
      'Hello {{name}},',
      '',
      '{{cohortTitle}} ended on {{end}}. Its AWS resources, your account and your data are deleted on {{teardownDate}}.',
      'Download anything you want to keep before then.',
    ].join('\n'),
  },
};
