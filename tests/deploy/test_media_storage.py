"""Media in object storage: uploads and renditions land in an S3 bucket when one is named.

The bucket is moto's S3 server on loopback; nothing here touches the internet.
"""

import importlib
import io
import json
import socket
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from lantana.settings import base
from tests.support.auth import sign_in

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def aws_env(monkeypatch, tmp_path):
    """Credentials for the local server only; no profile or instance metadata lookups."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-creds"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return monkeypatch


def reloaded_settings(env: dict, monkeypatch):
    """lantana/settings/base.py as this environment builds it."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        module = importlib.reload(base)
        return {
            "WAGTAILDOCS_SERVE_METHOD": getattr(
                module, "WAGTAILDOCS_SERVE_METHOD", None
            ),
            "STORAGES": module.STORAGES,
            "CONTENT_SECURITY_POLICY": module.CONTENT_SECURITY_POLICY,
        }
    finally:
        for name in env:
            monkeypatch.delenv(name)
        importlib.reload(base)


def storage_settings(env: dict, monkeypatch) -> dict:
    return reloaded_settings(env, monkeypatch)["STORAGES"]


def image_sources(env: dict, monkeypatch) -> list[str]:
    policy = reloaded_settings(env, monkeypatch)["CONTENT_SECURITY_POLICY"]
    return policy["DIRECTIVES"]["img-src"]


@pytest.fixture
def bucket(s3_endpoint, aws_env, settings):
    """A fresh bucket, and the default storage configured from the environment for it."""
    name = f"lantana-media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    client.put_bucket_policy(Bucket=name, Policy=public_images_policy(name))
    built = reloaded_settings(
        {
            "AWS_STORAGE_BUCKET_NAME": name,
            "AWS_S3_ENDPOINT_URL": s3_endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
        },
        aws_env,
    )
    settings.STORAGES = {**settings.STORAGES, "default": built["STORAGES"]["default"]}
    settings.CONTENT_SECURITY_POLICY = built["CONTENT_SECURITY_POLICY"]
    settings.WAGTAILDOCS_SERVE_METHOD = built["WAGTAILDOCS_SERVE_METHOD"]
    return {
        "name": name,
        "client": client,
        "url": f"{s3_endpoint}/{name}/",
        "origin": s3_endpoint,
    }


def public_images_policy(name: str) -> str:
    """What the README tells operators: images readable by anyone, documents not."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": [
                        f"arn:aws:s3:::{name}/images/*",
                        f"arn:aws:s3:::{name}/original_images/*",
                    ],
                }
            ],
        }
    )


def keys_in(bucket) -> set[str]:
    listing = bucket["client"].list_objects_v2(Bucket=bucket["name"])
    return {item["Key"] for item in listing.get("Contents", [])}


def png_upload(name: str = "garden.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), (40, 120, 90)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_without_a_bucket_media_stay_on_local_disk(monkeypatch):
    storages = storage_settings({}, monkeypatch)
    assert storages["default"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )


def test_a_bucket_makes_s3_the_default_storage(monkeypatch):
    storages = storage_settings(
        {
            "AWS_STORAGE_BUCKET_NAME": "lantana-media",
            "AWS_S3_ENDPOINT_URL": "https://s3.eu-central-003.backblazeb2.com",
            "AWS_S3_REGION_NAME": "eu-central-003",
        },
        monkeypatch,
    )
    default = storages["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "lantana-media"
    assert default["OPTIONS"]["endpoint_url"] == (
        "https://s3.eu-central-003.backblazeb2.com"
    )
    assert default["OPTIONS"]["region_name"] == "eu-central-003"
    assert default["OPTIONS"]["querystring_auth"] is False
    assert default["OPTIONS"]["file_overwrite"] is False
    # Secrets are left to boto3's own lookup, never copied into settings.
    assert "access_key" not in default["OPTIONS"]
    assert "secret_key" not in default["OPTIONS"]


def test_custom_domain_serves_the_media_urls(bucket, settings, aws_env):
    storages = storage_settings(
        {
            "AWS_STORAGE_BUCKET_NAME": bucket["name"],
            "AWS_S3_CUSTOM_DOMAIN": "media.lantana.example",
        },
        aws_env,
    )
    settings.STORAGES = {**settings.STORAGES, "default": storages["default"]}
    assert default_storage.url("images/garden.jpg") == (
        "https://media.lantana.example/images/garden.jpg"
    )


def test_pages_may_show_images_from_the_bucket_origin_only(monkeypatch):
    assert image_sources({}, monkeypatch) == ["'self'"]
    named = {"AWS_STORAGE_BUCKET_NAME": "lantana-media"}
    assert image_sources(
        {**named, "AWS_S3_CUSTOM_DOMAIN": "media.lantana.example"}, monkeypatch
    ) == ["'self'", "https://media.lantana.example"]
    assert image_sources(
        {**named, "AWS_S3_ENDPOINT_URL": "https://s3.example.org:9000/"}, monkeypatch
    ) == [
        "'self'",
        "https://s3.example.org:9000",
        "https://lantana-media.s3.example.org:9000",
    ]
    assert image_sources(named, monkeypatch) == [
        "'self'",
        "https://lantana-media.s3.amazonaws.com",
    ]


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"AWS_S3_ENDPOINT_URL": "minio.internal:9000"}, "AWS_S3_ENDPOINT_URL"),
        ({"AWS_S3_ADDRESSING_STYLE": "sideways"}, "AWS_S3_ADDRESSING_STYLE"),
        ({"AWS_QUERYSTRING_AUTH": "sometimes"}, "AWS_QUERYSTRING_AUTH"),
    ],
)
def test_bad_storage_settings_fail_at_start_naming_the_variable(
    monkeypatch, env, variable
):
    with pytest.raises(ImproperlyConfigured, match=variable):
        storage_settings(
            {"AWS_STORAGE_BUCKET_NAME": "lantana-media", **env}, monkeypatch
        )


@pytest.mark.django_db
def test_uploaded_image_and_its_rendition_land_in_the_bucket(
    client, admin_user, bucket, settings
):
    sign_in(client, admin_user)
    response = client.post(
        reverse("wagtailimages:add"), {"title": "Garden", "file": png_upload()}
    )
    assert response.status_code == 302, response.content[:2000]

    image = get_image_model().objects.get(title="Garden")
    rendition = image.get_rendition("fill-320x240|format-webp")

    assert {image.file.name, rendition.file.name} <= keys_in(bucket)
    assert image.file.name.startswith("original_images/")
    assert rendition.file.name.startswith("images/")
    assert rendition.url.startswith(bucket["url"])
    assert bucket["origin"] in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    with urllib.request.urlopen(rendition.url, timeout=10) as served:  # noqa: S310
        assert served.status == 200
        assert served.read(12)[8:12] == b"WEBP"


@pytest.mark.django_db
def test_nothing_of_the_upload_is_written_to_local_media(
    client, admin_user, bucket, settings
):
    sign_in(client, admin_user)
    client.post(reverse("wagtailimages:add"), {"title": "Porch", "file": png_upload()})
    get_image_model().objects.get(title="Porch").get_rendition("width-200")
    local = settings.MEDIA_ROOT
    assert not local.exists() or not any(path.is_file() for path in local.rglob("*"))


@pytest.mark.django_db
def test_documents_stay_private_in_the_bucket_and_stream_through_django(client, bucket):
    document = get_document_model().objects.create(
        title="Family guide", file=ContentFile(b"%PDF-1.4 guide", name="guide.pdf")
    )
    assert document.file.name in keys_in(bucket)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(bucket["url"] + document.file.name, timeout=10)  # noqa: S310
    assert refused.value.code == 403

    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 guide"
