import type { ReactNode } from "react";
import { AccountSecurityPage } from "./areas/account/account-security-page.tsx";
import { AuditsPage } from "./areas/audits/audits-page.tsx";
import { ContractPage } from "./areas/contracts/contract-page.tsx";
import { ContractsPage } from "./areas/contracts/contracts-page.tsx";
import { CustodyPage } from "./areas/custody/custody-page.tsx";
import { DeliveryReportPage } from "./areas/custody/delivery-report-page.tsx";
import { EngagementCustodyPage } from "./areas/custody/engagement-custody-page.tsx";
import { HomeRoute } from "./areas/dashboard/home-route.tsx";
import { EngagementPage } from "./areas/engagements/engagement-page.tsx";
import { EngagementsPage } from "./areas/engagements/engagements-page.tsx";
import { LeaksPage } from "./areas/leaks/leaks-page.tsx";
import { PeopleAccessPage } from "./areas/people-access/people-access-page.tsx";
import { PlaybookPage } from "./areas/playbook/playbook-page.tsx";
import { QuestionnaireReviewPage } from "./areas/questionnaires/questionnaire-review-page.tsx";
import { QuestionnairesPage } from "./areas/questionnaires/questionnaires-page.tsx";
import { TemplateBuilderPage } from "./areas/questionnaires/template-builder-page.tsx";
import { AuditLogPage } from "./areas/settings/audit-log-page.tsx";
import { ContractPolicyPage } from "./areas/settings/contract-policy-page.tsx";
import { MailPreferencesPage } from "./areas/settings/mail-preferences-page.tsx";
import { SettingsIndex } from "./areas/settings/settings-index.tsx";
import { SettingsLayout } from "./areas/settings/settings-layout.tsx";
import { TokensPage } from "./areas/settings/tokens-page.tsx";
import { UsersPage } from "./areas/settings/users-page.tsx";
import { WebhooksPage } from "./areas/settings/webhooks-page.tsx";
import { PortalQuestionnairePage } from "./areas/vendor-portal/portal-questionnaire-page.tsx";
import { VendorPortalPage } from "./areas/vendor-portal/vendor-portal-page.tsx";
import { VendorPage } from "./areas/vendors/vendor-page.tsx";
import { VendorsPage } from "./areas/vendors/vendors-page.tsx";
import type { Permission } from "./auth/permissions.ts";
import type { RouteParams } from "./router/match-path.ts";

export interface AppRoute {
  /** A pattern for matchPath: "/engagements/:id". */
  path: string;
  /** The document title (" · Warden" is added). */
  title: string;
  /** Who may open it; without it, every signed-in user. The server enforces the same rule. */
  permission?: Permission;
  render(params: RouteParams): ReactNode;
}

/**
 * Every signed-in page. The first matching pattern wins. Sign-in and setup are
 * not here: they are shown before a session exists (see app.tsx).
 */
export const ROUTES: readonly AppRoute[] = [
  { path: "/", title: "Dashboard", render: () => <HomeRoute /> },
  { path: "/vendors", title: "Vendors", permission: "internal.read", render: () => <VendorsPage /> },
  {
    path: "/vendors/:id",
    title: "Vendor",
    permission: "internal.read",
    render: (p) => <VendorPage id={p.id ?? ""} />,
  },
  {
    path: "/engagements",
    title: "Engagements",
    permission: "internal.read",
    render: () => <EngagementsPage />,
  },
  {
    path: "/engagements/:id",
    title: "Engagement",
    permission: "internal.read",
    render: (p) => <EngagementPage id={p.id ?? ""} />,
  },
  { path: "/contracts", title: "Contracts", permission: "internal.read", render: () => <ContractsPage /> },
  {
    path: "/contracts/:id",
    title: "Contract",
    permission: "internal.read",
    render: (p) => <ContractPage id={p.id ?? ""} />,
  },
  { path: "/custody", title: "Code custody", permission: "internal.read", render: () => <CustodyPage /> },
  {
    path: "/custody/engagements/:id",
    title: "Code custody",
    permission: "internal.read",
    render: (p) => <EngagementCustodyPage id={p.id ?? ""} />,
  },
  {
    path: "/custody/deliveries/:id",
    title: "Delivery report",
    permission: "internal.read",
    render: (p) => <DeliveryReportPage id={p.id ?? ""} />,
  },
  {
    path: "/people",
    title: "People & access",
    permission: "internal.read",
    render: () => <PeopleAccessPage />,
  },
  { path: "/audits", title: "Audits", permission: "internal.read", render: () => <AuditsPage /> },
  { path: "/leaks", title: "Leaks", permission: "internal.read", render: () => <LeaksPage /> },
  {
    path: "/questionnaires",
    title: "Questionnaires",
    permission: "internal.read",
    render: () => <QuestionnairesPage />,
  },
  {
    path: "/questionnaires/templates/new",
    title: "Questionnaire builder",
    permission: "questionnaires.write",
    render: () => <TemplateBuilderPage />,
  },
  {
    path: "/questionnaires/:id",
    title: "Questionnaire review",
    permission: "internal.read",
    render: (p) => <QuestionnaireReviewPage id={p.id ?? ""} />,
  },
  {
    path: "/portal",
    title: "Vendor portal",
    permission: "vendor.portal",
    render: () => <VendorPortalPage />,
  },
  {
    path: "/portal/questionnaires/:id",
    title: "Questionnaire · Vendor portal",
    permission: "vendor.portal",
    render: (p) => <PortalQuestionnairePage id={p.id ?? ""} />,
  },
  { path: "/settings", title: "Settings", render: () => <SettingsIndex /> },
  {
    path: "/settings/users",
    title: "Users · Settings",
    permission: "users.manage",
    render: () => (
      <SettingsLayout>
        <UsersPage />
      </SettingsLayout>
    ),
  },
  {
    path: "/settings/security",
    title: "Sign-in & security · Settings",
    render: () => (
      <SettingsLayout>
        <AccountSecurityPage />
      </SettingsLayout>
    ),
  },
  {
    path: "/settings/tokens",
    title: "API tokens · Settings",
    render: () => (
      <SettingsLayout>
        <TokensPage />
      </SettingsLayout>
    ),
  },
  {
    path: "/settings/mail",
    title: "Mail · Settings",
    render: () => (
      <SettingsLayout>
        <MailPreferencesPage />
      </SettingsLayout>
    ),
  },
  {
    path: "/settings/webhooks",
    title: "Webhooks · Settings",
    permission: "settings.manage",
    render: () => (
      <SettingsLayout>
        <WebhooksPage />
      </SettingsLayout>
    ),
  },
  {
    path: "/settings/playbook",
    title: "Playbook · Settings",
    permission: "internal.read",
    render: () => (
      <SettingsLayout>
        <PlaybookPage />
      </SettingsLayout>
    ),
  },
  {
    path: "/settings/contract-policy",
    title: "Contract policy · Settings",
    permission: "internal.read",
    render: () => (
      <SettingsLayout>
        <ContractPolicyPage />
      </SettingsLayout>
    ),
  },
  {
    path: "/settings/audit-log",
    title: "Audit log · Settings",
    permission: "audit.read",
    render: () => (
      <SettingsLayout>
        <AuditLogPage />
      </SettingsLayout>
    ),
  },
];
