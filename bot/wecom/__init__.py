"""WeCom (企业微信): the encrypted app callback, the API client and the group-robot push."""
