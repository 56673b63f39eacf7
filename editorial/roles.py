"""The editorial board's roles as data: what each role may do on a site (the README's table).

`editorial.permissions.can(user, action, obj=None, site=None)` is the one check that admin
classes, views and services ask. A user holds a role on a site through a membership
(`multisite.Membership(user, site, role)`); a role's actions are listed here; an action ending
in "_own" grants the action on the user's own objects only (the rule for "own" is in
permissions.py). The platform superuser may do everything, on every site. Django's groups and
model permissions grant nothing here (DESIGN.md: `has_perm` alone decides nothing about
content).
"""

EDITOR = "Biên tập viên"
APPROVER = "Duyệt bài"
SITE_ADMIN = "Quản trị trang"

EDITOR_ACTIONS = frozenset({
    "article.view", "article.add", "article.change_own", "article.delete_own",
    "article.submit", "article.withdraw_own", "article.preview",
    # A site's photo library is shared by its whole board: anyone uploads and picks any photo;
    # captions are corrected by the uploader or an approver; only a superuser deletes.
    "photo.view", "photo.add", "photo.change_own",
    "document.view",  # to attach the documents an article cites
    # Schedules (lịch công tác, lịch tiếp công dân): editors enter drafts and correct their own
    # until an approver publishes them; what the public reads is the approvers' word.
    "schedule.view", "schedule.add", "schedule.change_own", "schedule.delete_own",
    "person.view",  # the leaders an entry concerns
    "procedure.view",
})  # fmt: skip
APPROVER_ACTIONS = EDITOR_ACTIONS | {
    "article.change", "article.withdraw", "article.publish", "article.restore",
    "photo.change",
    "document.add", "document.change",
    # Citizens' messages (citizens/): the office's queue, with the senders' personal data.
    "inquiry.view", "inquiry.change",
    "schedule.change", "schedule.delete", "schedule.publish",
    "procedure.add", "procedure.change", "procedure.delete", "procedure.import",
}  # fmt: skip
# A site's administrator sets the site up: its categories, pages, identity, links, menus,
# visitor baseline ("site.manage") and its members ("site.members"), reads its visitor
# statistics ("stats.view") and works the citizens' queue ("inquiry.*"); writing and approving
# are the other roles' (one person may hold several roles on a site).
SITE_ADMIN_ACTIONS = frozenset({
    "site.manage", "site.members", "stats.view", "inquiry.view", "inquiry.change",
    # The unit's people (its leaders and officials) are part of the set-up too.
    "person.view", "person.add", "person.change", "person.delete",
})  # fmt: skip
# Công khai (issue 19 part B): approvers enter the disclosures (they publish on entry, and
# their files go into the library, which approvers file); the site's administrator edits the
# list of information that must be public ("site.manage").
APPROVER_ACTIONS = APPROVER_ACTIONS | {
    "disclosure.view", "disclosure.add", "disclosure.change", "disclosure.delete",
}  # fmt: skip
# The unit's organisation, official social channels and "Giới thiệu" text (issue 19, part A).
SITE_ADMIN_ACTIONS = SITE_ADMIN_ACTIONS | {
    "unit.view", "unit.add", "unit.change", "unit.delete",
    "channel.view", "channel.add", "channel.change", "channel.delete",
    "introduction.view", "introduction.add", "introduction.change",
}  # fmt: skip
SITE_ADMIN_ACTIONS = SITE_ADMIN_ACTIONS | {  # site notices: banner, maintenance (issue 19C)
    "sitenotice.view", "sitenotice.add", "sitenotice.change", "sitenotice.delete",
}  # fmt: skip
# Thư viện ảnh, video (gallery/, issue 19 D): editors make albums and upload videos as drafts and
# correct their own until an approver publishes them, as with the schedules.
EDITOR_ACTIONS = EDITOR_ACTIONS | {
    "gallery.view", "gallery.add", "gallery.change_own", "gallery.delete_own",
}  # fmt: skip
APPROVER_ACTIONS = APPROVER_ACTIONS | EDITOR_ACTIONS | {
    "gallery.change", "gallery.delete", "gallery.publish",
}  # fmt: skip
ROLES = {EDITOR: EDITOR_ACTIONS, APPROVER: APPROVER_ACTIONS, SITE_ADMIN: SITE_ADMIN_ACTIONS}
# Stored in a membership: short, unaccented, stable (the names above are what people read).
ROLE_CODES = {EDITOR: "bien-tap-vien", APPROVER: "duyet-bai", SITE_ADMIN: "quan-tri-trang"}
ROLE_CHOICES = [(code, name) for name, code in ROLE_CODES.items()]
ROLE_OF_CODE = {code: name for name, code in ROLE_CODES.items()}
# The platform superuser's alone, on every site: the sites themselves ("platform.manage"), the
# working-day calendar ("calendar.manage"), document sectors (shared by all sites), every
# site's visitor figures, login attempts, and every "delete" but an editor's own unpublished
# draft. No role lists them.
