import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ChangeEmailForm } from "@/features/auth/ui/change-email-form";
import { ChangePasswordForm } from "@/features/auth/ui/change-password-form";
import { requireViewer } from "@/trpc/server";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const viewer = await requireViewer();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <p className="text-sm text-muted-foreground">Your profile, email address and password.</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Profile</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-4 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="font-medium">Display name</dt>
            <dd data-testid="profile-name">{viewer.displayName}</dd>
            <dt className="font-medium">Email</dt>
            <dd data-testid="profile-email">
              {viewer.email}{" "}
              <span className={viewer.emailVerified ? "text-success" : "text-muted-foreground"}>· {viewer.emailVerified ? "verified" : "not verified yet"}</span>
            </dd>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Change email</CardTitle>
          <CardDescription>We&apos;ll send a link to the new address; nothing changes until you open it. Your current address gets a notice.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangeEmailForm currentEmail={viewer.email} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Change password</CardTitle>
          <CardDescription>You stay signed in here; your other sessions are signed out.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Your data</CardTitle>
          <CardDescription>Download a zip of your profile, workspaces, feedback posts, comments and votes, security log, sessions and notifications.</CardDescription>
        </CardHeader>
        <CardContent>
          <ButtonLink href="/account/export" variant="outline">
            Export my data
          </ButtonLink>
        </CardContent>
      </Card>
    </div>
  );
}
