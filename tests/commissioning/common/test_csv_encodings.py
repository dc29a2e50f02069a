"""Which text encodings an import reads, and the message for a file in any other."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commissioning.common.csv_import.engine import looks_like_east_asian, reads_as_western
from priorities.specifications.models import Subscriber
from tests.factories.commissioning import PASSWORD

SHIFT_JIS_FILE = Path(__file__).resolve().parents[2] / "data" / "mailing-list-shift-jis.csv"
JAPANESE = (
    "name,email,organisation\n山田太郎,taro@example.jp,東京ボランティア協会\n佐藤花子,hanako@example.jp,さくら食堂\n"
)
ACCEPTED = "Files must be saved as UTF-8 (with or without a byte-order mark), or in Windows-1252 (Western European)."


def _post(client, round_, content, name="list.csv"):
    return client.post(
        reverse("mailing_import", args=[round_.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


@pytest.mark.django_db
def test_shift_jis_file_is_refused_naming_the_encodings_accepted(client, round_, officer):
    content = SHIFT_JIS_FILE.read_bytes()
    assert content.decode("shift_jis").splitlines()[1].startswith("山田太郎")
    content.decode("cp1252")  # the bytes would read as Windows-1252 without an error: the trap
    client.login(email=officer.email, password=PASSWORD)

    response = _post(client, round_, content)

    page = response.content.decode()
    assert response.status_code == 200
    assert "The file seems to be saved in Shift-JIS (Japanese), which cannot be read here." in page
    assert ACCEPTED in page
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_same_names_saved_as_utf8_are_imported(client, round_, officer):
    client.login(email=officer.email, password=PASSWORD)
    content = SHIFT_JIS_FILE.read_bytes().decode("shift_jis").encode("utf-8-sig")

    response = _post(client, round_, content)

    assert response.status_code == 302
    assert Subscriber.objects.get(email="sakura.ito@example.jp").organisation == "あおぞら子ども会館"


@pytest.mark.django_db
def test_windows_1252_file_with_western_names_is_read(client, round_, officer):
    client.login(email=officer.email, password=PASSWORD)
    text = (
        "name,email,organisation\n"
        "Séverine Müller,sev@example.org,Société “Café” – Straße\n"
        "João,joao@example.org,Associação\n"
    )

    response = _post(client, round_, text.encode("cp1252"))

    assert response.status_code == 302
    assert Subscriber.objects.get(email="sev@example.org").organisation == "Société “Café” – Straße"
    assert Subscriber.objects.get(email="joao@example.org").name == "João"


@pytest.mark.django_db
def test_bytes_no_encoding_accepted_can_read_are_refused(client, round_, officer):
    client.login(email=officer.email, password=PASSWORD)

    response = _post(client, round_, b"name,email,organisation\nAnn \x81\x8d,ann@example.org,\n")

    assert "The file&#x27;s text could not be read." in response.content.decode()
    assert ACCEPTED in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (JAPANESE.encode("shift_jis"), "Shift-JIS (Japanese)"),
        (JAPANESE.encode("euc_jp"), "EUC-JP (Japanese)"),
        ("이름,이메일\n홍길동,hong@example.kr,서울 자원봉사 센터\n".encode("euc_kr"), "EUC-KR (Korean)"),
        ("名字,电子邮件\n张伟,zhang@example.cn,北京志愿者协会\n".encode("gbk"), "GBK (Chinese)"),
        ("Séverine,Société Générale,Associação,São Paulo\n".encode("cp1252"), None),
        ("Müller,Straße,Café,naïve,£1,000 – “quoted” ’s\n".encode("cp1252"), None),
        ("Øresund,Ærø,Åland,François,Björk,Ñuñez\n".encode("cp1252"), None),
        ("Earlsdon – north\n".encode("cp1252"), None),
    ],
)
def test_looks_like_east_asian(content, found):
    assert looks_like_east_asian(content) == found


BIG5 = "name,email,organisation\n張偉,zhang@example.tw,台北志工協會\n陳美玲,mei@example.tw,高雄社區食物銀行\n"
KOREAN = "name,email,organisation\n홍길동,hong@example.kr,서울 자원봉사 센터\n김민지,minji@example.kr,부산 푸드뱅크\n"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "found"),
    [(BIG5.encode("big5"), "Big5 (Chinese)"), (KOREAN.encode("euc_kr"), "EUC-KR (Korean)")],
)
def test_chinese_and_korean_files_are_refused_naming_the_encodings_accepted(client, round_, officer, content, found):
    content.decode("cp1252")  # the bytes would read as Windows-1252 without an error
    client.login(email=officer.email, password=PASSWORD)

    response = _post(client, round_, content)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"The file seems to be saved in {found}, which cannot be read here." in page
    assert ACCEPTED in page
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_windows_1252_file_with_pounds_quotes_and_nordic_names_is_read(client, round_, officer):
    client.login(email=officer.email, password=PASSWORD)
    text = (
        "name,email,organisation\n"
        "Þórður Guðmundsson,thor@example.is,Ærø “Ações” Fund – £1000 ½ day\n"
        "Siobhán O´Brien,siobhan@example.ie,Café à la carte® 20°C\n"
    )

    response = _post(client, round_, text.encode("cp1252"))

    assert response.status_code == 302
    assert Subscriber.objects.get(email="thor@example.is").organisation == "Ærø “Ações” Fund – £1000 ½ day"
    assert Subscriber.objects.get(email="siobhan@example.ie").name == "Siobhán O´Brien"


@pytest.mark.parametrize(
    ("content", "western", "found"),
    [
        (BIG5.encode("big5"), False, "Big5 (Chinese)"),
        ("name\n張偉\n".encode("big5"), False, "Big5 (Chinese)"),
        (KOREAN.encode("euc_kr"), False, "EUC-KR (Korean)"),
        ("Séverine,Société Générale,Associação,São Paulo\n".encode("cp1252"), True, None),
        ("Müller,Straße,Café,naïve,£1,000 – “quoted” ’s\n".encode("cp1252"), True, None),
        ("Øresund,Ærø,Åland,Þórður,Björk,Ñuñez,SOCIÉTÉ,Œuvre,à,ø\n".encode("cp1252"), True, None),
        ("¿Qué?,l’école,«Ça»,O´Brien,Ltd®,20°C,km²,±2,€5,½ day\n".encode("cp1252"), True, None),
    ],
)
def test_bytes_read_as_windows_1252_are_western_text_or_named(content, western, found):
    assert reads_as_western(content.decode("cp1252")) is western
    assert looks_like_east_asian(content, western=western) == found
