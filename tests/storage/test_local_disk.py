"""A practice folder on a network drive is refused (DESIGN.md §8): the detection from the OS's own
answers (Linux mountinfo lines, Windows paths and drive types), and the refusal through login."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from desktop_app.domain.roles import Role
from desktop_app.services.practice import NewUser, create_practice, login
from desktop_app.storage import local_disk
from desktop_app.storage.local_disk import NetworkFolder, linux_network_kind, windows_network_kind
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.practices import ARTS, login_as

ROOT = "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard"
TMP = "30 27 0:27 / /tmp rw,nosuid,nodev - tmpfs tmpfs rw,size=8g"

# (mountinfo line of the mount that holds the folder, folder, what the check says)
MOUNTS = [
    ("61 27 0:52 / /mnt/praktijk rw,relatime shared:500 - nfs4 nas.local:/export/praktijk "
     "rw,vers=4.2,rsize=1048576,hard,proto=tcp", "/mnt/praktijk/data", "nfs4"),
    ("62 27 0:53 / /mnt/oud rw,relatime - nfs nas.local:/oud rw,vers=3", "/mnt/oud", "nfs"),
    ("63 27 0:54 / /media/share rw,relatime - cifs //nas/praktijk rw,vers=3.1.1,cache=strict",
     "/media/share/Arbokluis", "cifs"),
    ("64 27 0:55 / /mnt/smb rw,relatime shared:7 master:3 - smb3 //nas/x rw,vers=3.0",
     "/mnt/smb/praktijk", "smb3"),
    ("65 27 0:56 / /home/anna/remote rw,nosuid,nodev,relatime - fuse.sshfs anna@server:/data "
     "rw,user_id=1000,group_id=1000", "/home/anna/remote/praktijk", "fuse.sshfs"),
    ("66 27 0:57 / /mnt/oudssh rw - fuse sshfs#anna@server:/data rw,user_id=0,group_id=0",
     "/mnt/oudssh/praktijk", "sshfs"),
    ("67 27 0:58 / /mnt/c rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\\;uid=1000",
     "/mnt/c/Users/anna/praktijk", "9p"),
    ("68 27 0:59 / /run/user/1000/gvfs rw,nosuid,nodev - fuse.gvfsd-fuse gvfsd-fuse rw",
     "/run/user/1000/gvfs/smb-share:server=nas,share=x/praktijk", "fuse.gvfsd-fuse"),
    ("69 27 0:60 / /mnt/my\\040share rw - cifs //nas/my\\040share rw",
     "/mnt/my share/praktijk", "cifs"),
    # local ones
    (ROOT, "/home/anna/praktijk", None),
    (TMP, "/tmp/praktijk", None),
    ("40 27 0:35 /@home /home rw,relatime shared:2 - btrfs /dev/sda2 rw,space_cache=v2",
     "/home/anna/praktijk", None),
    ("41 27 8:17 / /media/usb rw,nosuid - fuseblk /dev/sdb1 rw,user_id=0,allow_other",
     "/media/usb/praktijk", None),
    ("42 27 8:18 / /data rw,relatime - xfs /dev/sdc1 rw,attr2", "/data/praktijk", None),
]


@pytest.mark.parametrize(("line", "folder", "kind"), MOUNTS)
def test_the_mount_holding_the_folder_says_whether_it_is_a_network_share(line, folder, kind):
    assert linux_network_kind(Path(folder), "\n".join([ROOT, line])) == kind


def test_a_local_mount_inside_a_network_share_is_local():
    table = "\n".join([ROOT, MOUNTS[0][0], "70 61 8:1 / /mnt/praktijk/lokaal rw - ext4 /dev/sdd1 rw"])
    assert linux_network_kind(Path("/mnt/praktijk/lokaal/data"), table) is None


def test_a_folder_whose_name_only_begins_like_a_share_is_not_on_it():
    table = "\n".join([ROOT, "71 27 0:61 / /mnt/share rw - cifs //nas/s rw"])
    assert linux_network_kind(Path("/mnt/share2/praktijk"), table) is None


def test_a_share_mounted_over_a_local_folder_counts_as_the_share():
    table = "\n".join([ROOT, "72 27 8:1 / /srv rw - ext4 /dev/sde1 rw",
                       "73 72 0:62 / /srv rw - nfs4 nas:/srv rw"])
    assert linux_network_kind(Path("/srv/praktijk"), table) == "nfs4"


def test_lines_that_are_not_mountinfo_lines_are_skipped():
    table = "\n".join(["", "garbage", ROOT])
    assert linux_network_kind(Path("/home/x"), table) is None


@pytest.mark.parametrize(("path", "kind"), [
    (r"\\nas\praktijk\Arbokluis", "UNC-pad"),
    ("//nas/praktijk/Arbokluis", "UNC-pad"),
    (r"\\?\UNC\nas\praktijk\Arbokluis", "UNC-pad"),
    (r"Z:\Arbokluis", "netwerkstation Z:"),
    (r"C:\Users\anna\Arbokluis", None),
    (r"\\?\C:\Users\anna\Arbokluis", None),
])
def test_windows_paths_and_mapped_drives(path, kind):
    def drive_type(root: str) -> int:
        return local_disk.DRIVE_REMOTE if root.upper() == "Z:\\" else 3  # 3: DRIVE_FIXED

    assert windows_network_kind(path, drive_type) == kind


# --- the refusal through the program ---------------------------------------------------------


@pytest.fixture
def on_a_share(tmp_path, monkeypatch):
    """The OS says the practice folder's mount is an NFS share: a mountinfo that says so."""

    def mount(folder: Path) -> None:
        point = PurePosixPath(folder.resolve())
        table = tmp_path / "mountinfo"
        table.write_text(f"{ROOT}\n90 27 0:70 / {point} rw,relatime - nfs4 nas:/export rw,vers=4.2\n")
        monkeypatch.setattr(local_disk, "MOUNTINFO", table)

    return mount


def test_login_refuses_a_practice_on_a_network_share(practice, on_a_share):
    on_a_share(practice)
    with pytest.raises(NetworkFolder):
        login(practice, ARTS.username, ARTS.password)


def test_the_refusal_shows_the_way_to_the_server_mode(practice, on_a_share):
    on_a_share(practice)
    with pytest.raises(NetworkFolder) as err:
        login(practice, ARTS.username, ARTS.password)
    assert "servermodus" in err.value.message


def test_the_refusal_names_the_folder_and_the_share_kind(practice, on_a_share):
    on_a_share(practice)
    with pytest.raises(NetworkFolder) as err:
        login(practice, ARTS.username, ARTS.password)
    assert f"{practice.resolve()} staat op een netwerkschijf (nfs4)" in err.value.message


def test_the_refusal_detail_holds_no_folder_name(practice, on_a_share):
    on_a_share(practice)
    with pytest.raises(NetworkFolder) as err:
        login(practice, ARTS.username, ARTS.password)
    assert err.value.detail == "practice folder on a network filesystem (nfs4)"


def test_a_refused_login_records_nothing(practice, on_a_share, monkeypatch):
    before = _newest_event(practice)
    on_a_share(practice)
    with pytest.raises(NetworkFolder):
        login(practice, ARTS.username, ARTS.password)
    monkeypatch.setattr(local_disk, "MOUNTINFO", Path("/nonexistent/mountinfo"))
    session = login_as(practice, ARTS)
    try:  # only the checking sessions' own logout and login, nothing of the refused one
        assert [e[0] for e in events_after(session, before)] == ["logout", "login"]
    finally:
        session.close()


def test_no_practice_is_created_on_a_network_share(tmp_path, on_a_share, memory_keyring):
    folder = tmp_path / "praktijk"
    folder.mkdir()
    on_a_share(folder)
    with pytest.raises(NetworkFolder):
        create_practice(folder, practice_name="Netwerk", first_user=NewUser(
            "arts", "Arts", Role.PHYSICIAN, "Netwerk-wachtwoord-1!", "Netwerk-wachtzin-medisch-1!",
            is_admin=True))
    assert list(folder.iterdir()) == []


def test_a_new_folder_below_a_share_is_refused_too(tmp_path, on_a_share, memory_keyring):
    share = tmp_path / "share"
    share.mkdir()
    on_a_share(share)
    with pytest.raises(NetworkFolder):
        create_practice(share / "nieuw" / "praktijk", practice_name="Netwerk", first_user=NewUser(
            "arts", "Arts", Role.PHYSICIAN, "Netwerk-wachtwoord-1!", "Netwerk-wachtzin-medisch-1!",
            is_admin=True))


def test_without_a_readable_mountinfo_nothing_is_refused(practice, monkeypatch):
    monkeypatch.setattr(local_disk, "MOUNTINFO", Path("/nonexistent/mountinfo"))
    login(practice, ARTS.username, ARTS.password).close()


def _newest_event(folder: Path) -> int:
    session = login_as(folder, ARTS)
    try:
        return last_seq(session)
    finally:
        session.close()
