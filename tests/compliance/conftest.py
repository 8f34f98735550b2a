import pytest

from jumelage.accounts.models import Role
from tests.factories import UserFactory, give_role

SDN = (
    '17001,"MOSCOW INSTITUTE OF PHYSICS AND TECHNOLOGY",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Organization Established Date 1951."\r\n'
    '17002,"IVANOV, Sergei Petrovich",individual,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 01 Jan 1960."\r\n'
)
ALT = "ent_num,alt_num,alt_type,alt_name,alt_remarks\r\n17001,900,aka,MIPT,-0- \r\n17001,901,aka,MOSKOVSKIY FIZIKO-TEKHNICHESKIY INSTITUT,-0- \r\n"


@pytest.fixture
def sdn_file(tmp_path):
    path = tmp_path / "sdn.csv"
    path.write_text(SDN, encoding="utf-8")
    (tmp_path / "alt.csv").write_text(ALT, encoding="utf-8")
    return path


@pytest.fixture
def officer(db):
    user = UserFactory(username="officer")
    give_role(user, Role.Kind.COMPLIANCE_OFFICER)
    return user
