import {
  ActionIcon,
  AppShell,
  Avatar,
  Box,
  Burger,
  Group,
  Indicator,
  Menu,
  Text,
  Tooltip,
  UnstyledButton,
  useMantineColorScheme,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Form, Link, useFetcher, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "~/lib/i18n";
import type { Principal } from "~/lib/permissions";
import { navigationFor } from "./navigation";
import { PlainGroup, PlainNavLink, TITLE_CLASSES, titleVars } from "./plain";

export interface ShellUser extends Principal {
  name: string;
  email: string;
}

/**
 * Renders the same HTML whatever the stored scheme (the icon swaps through CSS), so a page
 * reloaded in dark mode hydrates without a mismatch.
 */
export function ColorSchemeToggle() {
  const { t } = useTranslation();
  const { toggleColorScheme } = useMantineColorScheme();
  const label = t("shell.toggleColorScheme");
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={label}
        data-testid="color-scheme-toggle"
        onClick={toggleColorScheme}
      >
        <Box component="span" darkHidden aria-hidden>
          ☾
        </Box>
        <Box component="span" lightHidden aria-hidden>
          ☀
        </Box>
      </ActionIcon>
    </Tooltip>
  );
}

export function LanguageSwitcher({ language }: { language: Language }) {
  const { t } = useTranslation();
  const fetcher = useFetcher();
  const location = useLocation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t("shell.language")} data-testid="language-switcher" px="xs">
          {/* A phone shows the short code: the full name would push the header off screen. */}
          <Text size="sm" visibleFrom="sm">
            {LANGUAGE_NAMES[language]} ▾
          </Text>
          <Text size="sm" hiddenFrom="sm" lang={language}>
            {LANGUAGE_SHORT_NAMES[language]} ▾
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {LANGUAGES.map((option) => (
          <Menu.Item
            key={option}
            lang={option}
            aria-current={option === language ? "true" : undefined}
            onClick={() =>
              fetcher.submit(
                { language: option, redirectTo: location.pathname + location.search },
                { method: "post", action: "/language" },
              )
            }
          >
            {LANGUAGE_NAMES[option]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

const LANGUAGE_SHORT_NAMES: Record<Language, string> = { en: "EN", zh: "中文" };

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part = "") => Array.from(part)[0]?.toUpperCase() ?? "").join("");
}

/** The notification bell: a link to the notification centre with the unread count. */
export function NotificationBell({ unread }: { unread: number }) {
  const { t } = useTranslation();
  const label = t("shell.notifications", { count: unread });
  return (
    <Tooltip label={label}>
      <Indicator
        label={unread > 99 ? "99+" : unread}
        size={16}
        disabled={unread === 0}
        color="red"
        offset={4}
      >
        <ActionIcon
          component={Link}
          to="/notifications"
          variant="default"
          size="lg"
          aria-label={label}
          data-testid="notification-bell"
          data-unread={unread}
        >
          <svg
            aria-hidden="true"
            width="18"
            height="18"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          >
            <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
            <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
          </svg>
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}

function AccountMenu({ user }: { user: ShellUser }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <UnstyledButton aria-label={t("shell.account")} data-testid="account-menu" px={4}>
          <Text size="sm" fw={500} truncate maw={160} visibleFrom="sm">
            {user.name}
          </Text>
          <Avatar size={30} color="teal" hiddenFrom="sm" aria-hidden>
            {initials(user.name)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to="/settings">
          {t("nav.settings")}
        </Menu.Item>
        <Menu.Item component="button" type="submit" form="logout-form">
          {t("shell.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

const TITLE_H3 = titleVars("h3");

function ShellHeader({
  user,
  language,
  unread,
  navigationOpened,
  onToggleNavigation,
}: {
  user: ShellUser;
  language: Language;
  unread: number;
  navigationOpened: boolean;
  onToggleNavigation: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px={{ base: "xs", sm: "md" }} justify="space-between" wrap="nowrap">
      <PlainGroup gap="sm" wrap="nowrap">
        <Burger
          opened={navigationOpened}
          onClick={onToggleNavigation}
          hiddenFrom="sm"
          size="sm"
          aria-label={t("shell.toggleNavigation")}
        />
        <Link to="/" style={{ textDecoration: "none", color: "inherit" }}>
          <span className={TITLE_CLASSES} style={TITLE_H3} data-order="3">
            Uptake
          </span>
        </Link>
      </PlainGroup>
      <PlainGroup gap={6} wrap="nowrap">
        <NotificationBell unread={unread} />
        <LanguageSwitcher language={language} />
        <ColorSchemeToggle />
        <AccountMenu user={user} />
      </PlainGroup>
    </Group>
  );
}

/** The user's navigation; following a link closes it on a phone. */
function MainNavigation({ user, onNavigate }: { user: ShellUser; onNavigate: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <nav data-testid="main-nav">
      {navigationFor(user).map((item) => (
        <PlainNavLink
          key={item.to}
          to={item.to}
          label={t(item.labelKey)}
          onClick={onNavigate}
          active={
            item.to === "/" ? location.pathname === "/" : location.pathname.startsWith(item.to)
          }
        />
      ))}
    </nav>
  );
}

export function Shell({
  user,
  language,
  unread,
  children,
}: {
  user: ShellUser;
  language: Language;
  unread: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <ShellHeader
          user={user}
          language={language}
          unread={unread}
          navigationOpened={opened}
          onToggleNavigation={toggle}
        />
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("shell.navigation")}>
        <MainNavigation user={user} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
      <Form id="logout-form" method="post" action="/logout" hidden />
    </AppShell>
  );
}
