"""The user's own API tokens: create one (its key shown once), see when each was used, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jumelage.accounts.forms import ApiTokenForm
from jumelage.accounts.models import ApiToken


@never_cache
@login_required
def api_tokens(request):
    """List the user's tokens; a POST creates one and shows its key in this response only.

    The key is rendered rather than carried over a redirect so that it is never stored,
    not even for a moment in the session.
    """
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = ApiToken.issue(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-id")
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": tokens, "new_key": new_key},
    )


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.delete()
    messages.success(
        request,
        _("The token “%(name)s” was revoked: scripts using it are now refused.")
        % {"name": token.name},
    )
    return redirect("api_tokens")
