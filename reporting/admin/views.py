"""Views for staff accounts and scheduled jobs (admins), and the audit trail (partnership unit and admins)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..access import role_required
from ..auth import services as accounts
from ..domain.paging import asked_page, nearest_page, page_count
from ..downloads import download
from ..extensions import db
from ..jobs import runs
from ..models import User
from . import bp, services
from .forms import ROLE_LABELS, AuditFilterForm, NewUserForm


@bp.get("/admin/users")
@role_required("admin")
def list_users():
    return render_template("admin/users.html", users=services.list_users())


@bp.route("/admin/users/new", methods=["GET", "POST"])
@role_required("admin")
def new_user():
    form = NewUserForm()
    form.centre.choices = services.centre_choices()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(form.email.data, form.role.data, form.password.data, form.centre.data or None)
        except accounts.AccountError:
            form.email.errors.append(_("An account with this email address already exists"))
        else:
            db.session.flush()
            audit.record("user_created", "user", user.id, detail=f"role={user.role}")
            db.session.commit()
            flash(_("Account created for %(email)s.", email=user.email), "success")
            return redirect(url_for("admin.list_users"))
    return render_template("admin/new-user.html", form=form)


@bp.post("/admin/users/<int:user_id>/active")
@role_required("admin")
def set_user_active(user_id: int):
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    active = request.form.get("active") == "true"
    if user.id == current_user.id and not active:
        flash(_("You cannot deactivate your own account."), "info")
        return redirect(url_for("admin.list_users"))
    services.set_active(user, active)
    audit.record("user_activated" if active else "user_deactivated", "user", user.id)
    db.session.commit()
    flash(_("%(email)s can now sign in.", email=user.email) if active else
          _("%(email)s has been deactivated and signed out.", email=user.email), "success")  # fmt: skip
    return redirect(url_for("admin.list_users"))


@bp.get("/admin/jobs")
@role_required("admin")
def scheduled_jobs():
    audit.record("scheduled_jobs_viewed")
    db.session.commit()
    return render_template("admin/scheduled-jobs.html", statuses=runs.statuses(), failures=runs.recent_failures())


def _audit_filter(form: AuditFilterForm) -> services.AuditFilter:
    return services.AuditFilter(form.action.data, form.object_id.data, form.user.data, form.date_from.data,
                                form.date_to.data)  # fmt: skip


@bp.get("/audit")
@role_required("partnership", "admin")
def audit_trail():
    form = AuditFilterForm(request.args)
    page = asked_page(request.args.get("page"))
    valid = form.validate()
    events, total = services.audit_page(_audit_filter(form) if valid else services.AuditFilter(), page)
    page, pages = nearest_page(page, total, services.AUDIT_PAGE_SIZE), page_count(total, services.AUDIT_PAGE_SIZE)
    return render_template("admin/audit.html", form=form, events=events, total=total, page=page, pages=pages)


@bp.get("/audit.csv")
@role_required("partnership", "admin")
def audit_trail_csv():
    form = AuditFilterForm(request.args)
    if not form.validate():  # no form to explain it on: a filter that cannot be read exports nothing
        abort(400)
    body = services.audit_csv(_audit_filter(form))
    audit.record("audit_exported")
    db.session.commit()
    return download(body, "audit-trail.csv", "text/csv")


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))
