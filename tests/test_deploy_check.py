"""Production by environment alone: `check --deploy` is clean with the production variables."""

from .servers import manage, production_env

PRODUCTION = {"HTTPS": "true", "CSRF_TRUSTED_ORIGINS": "https://chauthanh.example.gov.vn"}


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", **PRODUCTION)
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_https_is_not_configured(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", HTTPS="false")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env, check=False)
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


def test_production_refuses_to_start_without_a_secret_key_or_hosts(tmp_path):
    for missing in ("SECRET_KEY", "ALLOWED_HOSTS"):
        env = production_env(**PRODUCTION, **{missing: ""})
        result = manage("check", env=env, check=False)
        assert result.returncode != 0
        assert f"{missing} is required when DEBUG is off" in result.stderr
