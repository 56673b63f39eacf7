"""Public pages: the intake (four kinds), the person's own page, drafts open for comment, and
the published Q&A section. Pages with a form or a person's data are never cached."""

import json

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from multisite.current import site_of
from search.text import tokens

from . import antispam, ratelimit, ratings, rights, services
from .forms import IntakeForm
from .models import Consultation, Inquiry, Kind, RetentionPolicy, Topic

PUBLIC_KINDS = {Kind.QUESTION, Kind.FEEDBACK, Kind.REPORT}
NEXT_STEPS = {
    Kind.QUESTION: "Cán bộ được giao sẽ trả lời qua thư điện tử hoặc điện thoại bạn để lại.",
    Kind.FEEDBACK: "Ý kiến góp ý được chuyển đến bộ phận phụ trách để xem xét.",
    Kind.REPORT: "Phản ánh, kiến nghị được chuyển đến bộ phận có thẩm quyền xem xét, giải quyết "
    "và trả lời bạn.",
    Kind.DRAFT_COMMENT: "Góp ý được tổng hợp gửi cơ quan chủ trì soạn thảo để tiếp thu, giải "
    "trình.",
}


def intake_index(request):
    return render(request, "citizens/intake_index.html", {
        "kinds": [k for k in Kind if k in PUBLIC_KINDS],
        "consultations": Consultation.objects.filter(site=site_of(request)).open_now(),
        "retention_days": RetentionPolicy.current_days(),
    })  # fmt: skip


def _form_page(request, kind, template, context, consultation=None):
    """GET shows the form; POST counts the network's submission, checks the defences and the
    form, stores the message and sends the person to their page."""
    site = site_of(request)
    window, limit = antispam.window_seconds(), antispam.limit()
    if request.method == "POST":
        over = ratelimit.hit(antispam.SCOPE, request, window) > limit
        form = IntakeForm(request.POST.copy(), request.FILES, kind=kind, site=site, challenge=over)
        if form.is_valid():
            try:
                inquiry = services.submit(
                    site, kind, form.cleaned_data, form.purposes(),
                    files=form.cleaned_data["attachments"], consultation=consultation,
                    request=request,
                )  # fmt: skip
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(
                    reverse("citizens:mine", args=[rights.token_for(inquiry)]) + "?moi=1"
                )
        if form.spam:
            form.challenge()  # a refusal: the next try is challenged
        form.data["started"] = antispam.new_stamp()
        status = 400
    else:
        over = ratelimit.count(antispam.SCOPE, request, window) >= limit
        form = IntakeForm(
            initial={"started": antispam.new_stamp()}, kind=kind, site=site, challenge=over
        )
        status = 200
    context.update({"form": form, "kind": kind, "kind_label": Kind(kind).label})
    return render(request, template, context, status=status)


@never_cache
def intake_form(request, kind):
    if kind not in PUBLIC_KINDS:
        raise Http404("Không có loại ý kiến này.")
    return _form_page(request, kind, "citizens/intake_form.html", {})


def consultation_list(request):
    consultations = Consultation.objects.filter(site=site_of(request)).select_related("document")
    return render(request, "citizens/consultation_list.html", {"consultations": consultations})


@never_cache
def consultation(request, pk):
    item = get_object_or_404(
        Consultation.objects.select_related("document"), pk=pk, site=site_of(request)
    )
    context = {"consultation": item, "is_open": item.is_open()}
    context["not_yet"] = not context["is_open"] and item.opens_at > timezone.now()
    if not item.is_open():
        # Closed (or not yet open): the page says so, and a POST is refused on the server.
        status = 400 if request.method == "POST" else 200
        return render(request, "citizens/consultation.html", context, status=status)
    return _form_page(request, Kind.DRAFT_COMMENT, "citizens/consultation.html", context, item)


@never_cache
def mine(request, token):
    """The person's page: the receipt and what happens next, the answer, their rights."""
    inquiry = rights.inquiry_for(token)
    if inquiry is None or inquiry.site_id != site_of(request).pk:
        raise Http404("Đường dẫn không đúng hoặc đã hết hiệu lực.")
    response = render(request, "citizens/mine.html", {
        "inquiry": inquiry, "token": token, "is_new": "moi" in request.GET,
        "next_step": NEXT_STEPS[inquiry.kind],
        "can_withdraw_publication": inquiry.consents.filter(
            text__purpose="cong-khai", withdrawn_at__isnull=True).exists(),
    })  # fmt: skip
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_POST
def mine_action(request, token, action):
    inquiry = rights.inquiry_for(token)
    if inquiry is None or inquiry.site_id != site_of(request).pk:
        raise Http404("Đường dẫn không đúng hoặc đã hết hiệu lực.")
    if action == "rut-cong-khai":
        rights.withdraw_publication(inquiry)
    elif action == "xoa":
        if request.POST.get("chac-chan") != "co":  # the box the page asks to tick first
            return redirect("citizens:mine", token=token)
        rights.erase(inquiry)
    elif action == "tai-ve":
        response = HttpResponse(
            json.dumps(rights.export([inquiry]), ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{inquiry.number}.json"'
        return response
    else:
        raise Http404
    return redirect("citizens:mine", token=token)


def qa_list(request):
    site = site_of(request)
    questions = Inquiry.objects.filter(site=site).published().select_related("topic")
    topics = Topic.objects.filter(site=site)
    topic = None
    topic_id = request.GET.get("chu-de", "")
    if topic_id.isdigit():
        topic = topics.filter(pk=int(topic_id)).first()
        questions = questions.filter(topic=topic)
    query = request.GET.get("q", "")[:200]
    for word in tokens(query)[:10]:
        questions = questions.filter(search_text__contains=word)
    page = Paginator(questions.order_by("-published_at"), 20).get_page(request.GET.get("trang"))
    return render(request, "citizens/qa_list.html", {
        "page": page, "topics": topics, "topic": topic, "query": query,
    })  # fmt: skip


def qa_detail(request, number):
    question = get_object_or_404(
        Inquiry.objects.published().select_related("topic"), site=site_of(request), number=number
    )
    return render(request, "citizens/qa_detail.html", {"question": question})


RATING_ANSWERS = {
    "ok": (200, "Cảm ơn bạn đã đánh giá."),
    "again": (200, "Hôm nay bạn đã đánh giá trang này. Cảm ơn bạn."),
    "limited": (429, "Có quá nhiều lượt đánh giá từ mạng của bạn; xin thử lại sau."),
    "invalid": (400, "Không đánh giá được trang này."),
}


@csrf_exempt  # the page keeps its cache: Origin, rate limit and one vote per key instead
@never_cache
@require_POST
def rate(request):
    if not ratings.origin_ok(request):
        return JsonResponse({"message": "Yêu cầu không hợp lệ."}, status=403)
    useful = request.POST.get("huu-ich")
    if useful not in ("co", "khong"):
        result = "invalid"
    else:
        path = request.POST.get("trang", "")
        result = ratings.vote(request, site_of(request), path, useful == "co")
    status, message = RATING_ANSWERS[result]
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"result": result, "message": message}, status=status)
    return render(request, "citizens/rated.html", {"message": message}, status=status)
